using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Core.Configuration;

/// <summary>
/// Collects every problem of one configuration section, so a bad start-up names all wrong keys
/// at once (each as <c>Section:Key</c> with the accepted values) instead of one per restart.
/// </summary>
public sealed class OptionErrors(string section)
{
    private readonly List<string> _errors = [];

    public void Add(string key, string problem) => _errors.Add($"{section}:{key} {problem}");

    /// <summary>Checks a value against a closed set, case-insensitively.</summary>
    public void RequireOneOf(string key, string? value, IReadOnlyCollection<string> accepted)
    {
        if (value is null || !accepted.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            Add(key, $"is '{value}'; accepted values: {string.Join(", ", accepted)}.");
        }
    }

    public void RequireRange(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            Add(key, $"is {value}; accepted values: {min} to {max}.");
        }
    }

    public void RequireAbsoluteHttpUrl(string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(key, $"is '{value}'; accepted values: an absolute http:// or https:// URL.");
        }
    }

    public ValidateOptionsResult ToResult() =>
        _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
