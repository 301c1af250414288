using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>The Applications page's filters; empty fields (null or "") match everything.</summary>
public sealed class ApplicationFilter
{
    public string? Project { get; set; }
    public string? Sync { get; set; }
    public string? Health { get; set; }
    public string? Namespace { get; set; }

    /// <summary>"key=value", or just "key" for any value.</summary>
    public string Label { get; set; } = "";

    public string Text { get; set; } = "";
    public bool AttentionOnly { get; set; }

    public bool IsEmpty =>
        string.IsNullOrEmpty(Project) && string.IsNullOrEmpty(Sync) && string.IsNullOrEmpty(Health) && string.IsNullOrEmpty(Namespace) && !AttentionOnly
        && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Text);

    public bool Matches(ArgoApplication app) =>
        (string.IsNullOrEmpty(Project) || app.Project == Project)
        && (string.IsNullOrEmpty(Sync) || app.SyncStatus == Sync)
        && (string.IsNullOrEmpty(Health) || app.HealthStatus == Health)
        && (string.IsNullOrEmpty(Namespace) || app.Destination.Namespace == Namespace)
        && (!AttentionOnly || app.NeedsAttention)
        && MatchesLabel(app)
        && MatchesText(app);

    public void Clear()
    {
        Project = Sync = Health = Namespace = null;
        Label = Text = "";
        AttentionOnly = false;
    }

    private bool MatchesLabel(ArgoApplication app)
    {
        var label = Label.Trim();
        if (label.Length == 0)
        {
            return true;
        }
        var equals = label.IndexOf('=', StringComparison.Ordinal);
        return equals < 0
            ? app.Labels.ContainsKey(label)
            : app.Labels.TryGetValue(label[..equals].Trim(), out var value) && value == label[(equals + 1)..].Trim();
    }

    private bool MatchesText(ArgoApplication app)
    {
        var text = Text.Trim();
        return text.Length == 0
            || app.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || app.Source.Path.Contains(text, StringComparison.OrdinalIgnoreCase)
            || app.Destination.Namespace.Contains(text, StringComparison.OrdinalIgnoreCase)
            || app.Images.Any(i => i.Contains(text, StringComparison.OrdinalIgnoreCase))
            || (app.SyncRevision?.StartsWith(text, StringComparison.OrdinalIgnoreCase) ?? false);
    }
}
