namespace MlOpsDashboard.Core.Incidents.Alerts;

/// <summary>Alertmanager's webhook body, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).</summary>
public sealed record AlertmanagerPayload
{
    public string? Version { get; init; }
    public string? GroupKey { get; init; }
    public int TruncatedAlerts { get; init; }
    public string? Status { get; init; }
    public string? Receiver { get; init; }
    public Dictionary<string, string> GroupLabels { get; init; } = [];
    public Dictionary<string, string> CommonLabels { get; init; } = [];
    public Dictionary<string, string> CommonAnnotations { get; init; } = [];
    public string? ExternalUrl { get; init; }
    public List<AlertmanagerAlert> Alerts { get; init; } = [];

    /// <summary>Every problem with the payload, so a bad sender learns all at once.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Version != "4")
        {
            problems.Add($"version is '{Version}'; only Alertmanager's webhook version 4 is accepted.");
        }
        if (string.IsNullOrEmpty(GroupKey))
        {
            problems.Add("groupKey is missing.");
        }
        for (var i = 0; i < Alerts.Count; i++)
        {
            var alert = Alerts[i];
            if (alert.Status is not (AlertStatus.Firing or AlertStatus.Resolved))
            {
                problems.Add($"alerts[{i}].status is '{alert.Status}'; expected firing or resolved.");
            }
            if (string.IsNullOrEmpty(alert.Fingerprint))
            {
                problems.Add($"alerts[{i}].fingerprint is missing.");
            }
            if (!alert.Labels.ContainsKey("alertname"))
            {
                problems.Add($"alerts[{i}].labels has no alertname.");
            }
        }
        return problems;
    }
}

public sealed record AlertmanagerAlert
{
    public string? Status { get; init; }
    public Dictionary<string, string> Labels { get; init; } = [];
    public Dictionary<string, string> Annotations { get; init; } = [];
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public string? GeneratorUrl { get; init; }
    public string? Fingerprint { get; init; }
}
