using System.Globalization;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary><c>--name value</c> pairs after the command word; every problem is collected and reported together.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                Errors.Add($"'{name}' is not an option; options look like --name value.");
                continue;
            }
            if (!e.MoveNext())
            {
                Errors.Add($"{name} needs a value.");
                break;
            }
            _values[name[2..]] = e.Current;
        }
    }

    public List<string> Errors { get; } = [];

    public string? Text(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public double? Number(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Errors.Add($"--{name} is '{text}'; expected a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        return value;
    }

    public int? Whole(string name, int min = 1)
    {
        var value = Number(name, min, int.MaxValue);
        if (value is { } v && v != Math.Floor(v))
        {
            Errors.Add($"--{name} is {v}; expected a whole number.");
            return null;
        }
        return value is null ? null : (int)value.Value;
    }

    /// <summary>Options given but never asked for: typos, mostly.</summary>
    public void ReportUnknown()
    {
        foreach (var name in _values.Keys.Where(k => !_used.Contains(k)))
        {
            Errors.Add($"--{name} is not a known option.");
        }
    }
}
