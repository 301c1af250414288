using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Attention.Sources;

/// <summary>Applications Argo CD reports as degraded, missing, failed or out of sync, from the shared watch.</summary>
internal sealed class ApplicationAttentionSource(ClusterState cluster, TimeProvider clock) : IAttentionSource
{
    public Task<IReadOnlyList<AttentionItem>> GetAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AttentionItem> items = [.. cluster.Current.Applications.Values
            .Where(a => a.NeedsAttention && a.HealthStatus != ArgoApplication.Progressing)
            .Select(ToItem)];
        return Task.FromResult(items);
    }

    private AttentionItem ToItem(ArgoApplication app)
    {
        // A broken production workload pages; drift from git or a staging problem can wait for the morning.
        var broken = app.HealthStatus is ArgoApplication.Degraded or ArgoApplication.Missing || app.OperationState?.Phase is "Failed" or "Error";
        var production = app.Name.EndsWith("-production", StringComparison.Ordinal) || app.Destination.Namespace.Contains("production", StringComparison.Ordinal);
        var severity = broken ? (production ? Urgency.P0 : Urgency.P1) : Urgency.P2;
        var detail = $"{app.SyncStatus}, {app.HealthStatus}" + (app.HealthMessage is { Length: > 0 } message ? $": {message}" : "");
        return new AttentionItem($"application:{app.Namespace}/{app.Name}", "Application", $"{app.Name} is {(broken ? app.HealthStatus : app.SyncStatus)}",
            detail, severity, app.ReconciledAt ?? clock.GetUtcNow(), $"/applications/{Uri.EscapeDataString(app.Name)}");
    }
}
