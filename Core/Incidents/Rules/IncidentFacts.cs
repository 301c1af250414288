using System.Globalization;
using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>The incident with the lookups every rule needs, computed once.</summary>
public sealed partial class IncidentFacts(CapturedIncident incident)
{
    public CapturedIncident Incident { get; } = incident;

    public IReadOnlyList<IncidentContainer> Containers => Incident.Pod?.Containers ?? [];

    /// <summary>Previous container's log first: after a crash, the current one is a fresh start.</summary>
    public IReadOnlyList<string> LogLines { get; } =
        [.. (incident.Logs?.Previous ?? []), .. (incident.Logs?.Current ?? [])];

    public IEnumerable<string> AllText => LogLines.Concat(Incident.Events).Concat(Incident.Observations)
        .Concat(Containers.SelectMany(c => new[] { c.State.Message, c.LastState?.Message }).OfType<string>())
        .Concat(Incident.Pod?.Conditions ?? []);

    public IncidentNode? PodNode => Incident.Pod?.Node is { } name ? Incident.Nodes.FirstOrDefault(n => n.Name == name) : null;

    public string PodName => Incident.Pod is { } pod ? $"{pod.Namespace}/{pod.Name}" : "the workload";

    public IEnumerable<string> Matching(Regex pattern) => AllText.Where(l => pattern.IsMatch(l));

    public IEnumerable<string> LogsMatching(Regex pattern) => LogLines.Where(l => pattern.IsMatch(l));

    public IEnumerable<string> EventsMatching(Regex pattern) => Incident.Events.Where(l => pattern.IsMatch(l));

    /// <summary>The last few log lines that look like an error (or just the last lines when none do).</summary>
    public IReadOnlyList<string> ErrorTail(int count)
    {
        var source = Incident.Logs?.Previous is { Count: > 0 } previous ? previous : Incident.Logs?.Current ?? [];
        var errors = source.Where(l => ErrorLine().IsMatch(l)).TakeLast(count).ToList();
        return errors.Count > 0 ? errors : [.. source.TakeLast(count)];
    }

    public bool AlertNamed(Regex pattern) => Incident.Alert is { } alert && pattern.IsMatch(alert.Name);

    /// <summary>Parses Kubernetes quantities (6Gi, 512Mi, 500m, 4) into bytes or cores.</summary>
    public static double? Quantity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var match = QuantityPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        return match.Groups[2].Value switch
        {
            "Ki" => value * 1024,
            "Mi" => value * 1024 * 1024,
            "Gi" => value * 1024 * 1024 * 1024,
            "Ti" => value * 1024d * 1024 * 1024 * 1024,
            "k" => value * 1e3,
            "M" => value * 1e6,
            "G" => value * 1e9,
            "m" => value / 1000,
            _ => value,
        };
    }

    public static string Bytes(double bytes) => bytes >= 1024 * 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024 * 1024):0.##} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.#} MiB");

    [GeneratedRegex(@"\b(error|exception|fatal|panic|traceback|failed|killed)\b|^\w*Error:", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^([0-9.]+)\s*(Ki|Mi|Gi|Ti|k|M|G|m)?$")]
    private static partial Regex QuantityPattern();
}
