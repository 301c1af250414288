using System.Globalization;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// Every wrong field of one request, keyed by its JSON path as the caller wrote it
/// (<c>hourOfDay</c>, <c>builds[3].linesAdded</c>), so a 400 names them all at once.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    public void Add(string field, string problem)
    {
        if (!_errors.TryGetValue(field, out var problems))
        {
            _errors[field] = problems = [];
        }
        problems.Add(problem);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public void RequireNumber(string field, double? value, bool required, double min, double max)
    {
        if (value is not { } number)
        {
            if (required)
            {
                Add(field, "is required.");
            }
            return;
        }
        if (double.IsNaN(number))
        {
            Add(field, "is NaN; a number is required.");
        }
        else if (double.IsInfinity(number))
        {
            Add(field, "is infinite; a finite number is required.");
        }
        else if (number < 0 && min >= 0)
        {
            Add(field, $"is {Format(number)}; it must not be negative (accepted: {Format(min)} to {Format(max)}).");
        }
        else if (number < min || number > max)
        {
            Add(field, $"is {Format(number)}; accepted: {Format(min)} to {Format(max)}.");
        }
    }

    public void RequireText(string field, string? value, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required.");
            }
            return;
        }
        if (value.Length > maxLength)
        {
            Add(field, $"has {value.Length} characters; at most {maxLength} are accepted.");
        }
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
