using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Delivery;

public sealed record ArgoDeployment(long Id, string Revision, DateTimeOffset? DeployedAt);

/// <summary>What Argo CD reports about one Application: sync, health and its deployment history.</summary>
public sealed record ArgoApplicationState(string Name, string SyncStatus, string? SyncRevision, string HealthStatus, string? OperationPhase, IReadOnlyList<ArgoDeployment> History);

/// <summary>
/// What Argo CD reports about an Application, read from the shared <see cref="ClusterState"/> that
/// the cluster's watchers keep current: no Kubernetes client of its own and no API call per read.
/// </summary>
public sealed class ArgoApplicationReader(ClusterState state)
{
    public bool IsConfigured => state.Current.Configured;

    /// <summary>False until the applications' watch has listed them (or while it is reconnecting).</summary>
    public bool IsLive => state.Current.Connections[ClusterKind.Applications].Status == WatchStatus.Live;

    /// <summary>Null when there is no cluster or no such Application.</summary>
    public Task<ArgoApplicationState?> GetAsync(string application, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsConfigured && state.Current.Application(application) is { } app ? Map(app) : null);

    private static ArgoApplicationState Map(ArgoApplication app) => new(
        app.Name,
        app.SyncStatus,
        app.SyncRevision,
        app.HealthStatus,
        app.OperationState?.Phase,
        [.. app.History.Select(h => new ArgoDeployment(h.Id, h.Revision, h.DeployedAt))]);
}
