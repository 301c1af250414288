using System.Collections.Immutable;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Core.Delivery.Applications;

public sealed record ApplicationSource(string RepoUrl, string Path, string TargetRevision);

public sealed record ApplicationDestination(string Server, string Namespace);

public sealed record ApplicationResource(string Group, string Kind, string Namespace, string Name, string SyncStatus, int SyncWave, string? Health, string? HealthMessage)
{
    public string Key => $"{Group}/{Kind}/{Namespace}/{Name}";
}

public sealed record ApplicationCondition(string Type, string Message, DateTimeOffset? LastTransitionTime)
{
    public bool IsError => Type.EndsWith("Error", StringComparison.Ordinal);
}

public sealed record ApplicationHistoryEntry(long Id, string Revision, DateTimeOffset? DeployStartedAt, DateTimeOffset? DeployedAt, string? Path);

public sealed record ApplicationOperationState(
    string Phase,
    string? Message,
    string? Revision,
    string? InitiatedBy,
    bool Automated,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>
/// An Argo CD Application (argoproj.io/v1alpha1) as the CRD carries it: spec, sync and health
/// status, the last operation, deploy history, managed resources with sync wave and health, conditions.
/// </summary>
public sealed record ArgoApplication(
    string Namespace,
    string Name,
    string ResourceVersion,
    string Project,
    ImmutableSortedDictionary<string, string> Labels,
    ApplicationSource Source,
    ApplicationDestination Destination,
    bool Automated,
    bool Prune,
    bool SelfHeal,
    string SyncStatus,
    string? SyncRevision,
    string HealthStatus,
    string? HealthMessage,
    ApplicationOperationState? OperationState,
    bool OperationPending,
    bool RefreshPending,
    ImmutableArray<ApplicationHistoryEntry> History,
    ImmutableArray<ApplicationResource> Resources,
    ImmutableArray<ApplicationCondition> Conditions,
    ImmutableArray<string> Images,
    DateTimeOffset? ReconciledAt,
    DateTimeOffset? CreatedAt) : ClusterObject(Namespace, Name, ResourceVersion)
{
    public const string Synced = "Synced";
    public const string OutOfSync = "OutOfSync";
    public const string Healthy = "Healthy";
    public const string Degraded = "Degraded";
    public const string Progressing = "Progressing";
    public const string Missing = "Missing";

    /// <summary>What an on-call engineer should look at: anything not Synced and Healthy, a failed operation, an error condition.</summary>
    public bool NeedsAttention =>
        SyncStatus != Synced || HealthStatus != Healthy
        || OperationState?.Phase is "Failed" or "Error"
        || Conditions.Any(c => c.IsError);

    public DateTimeOffset? LastDeployedAt => History.Length == 0 ? null : History[^1].DeployedAt;
}
