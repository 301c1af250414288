namespace MlOpsDashboard.Core.Delivery.Rollback;

/// <summary>A revision the application's path can be restored to.</summary>
public sealed record RollbackCandidate(ManifestCommit Commit, string? TreeSha, bool IsCurrent, DateTimeOffset? DeployedAt, long? ArgoHistoryId);

/// <summary>The application's path history (git) joined with what Argo CD deployed.</summary>
public sealed record RollbackHistory(DeliveryTarget Target, IReadOnlyList<RollbackCandidate> Candidates, ArgoApplicationState? Argo, string Revision)
{
    /// <summary>
    /// "Last healthy": the newest earlier state of the path that Argo CD deployed and replaced
    /// (the release running before the current one); without Argo CD history, the previous state in git.
    /// Argo CD keeps no health per history entry, so this is the last one that ran before the current.
    /// </summary>
    public RollbackCandidate? LastHealthy =>
        Candidates.FirstOrDefault(c => !c.IsCurrent && c.DeployedAt is not null)
        ?? Candidates.FirstOrDefault(c => !c.IsCurrent);
}

/// <summary>A previewed rollback: restore <see cref="Path"/> to its tree at <see cref="TargetRevision"/>, as a new commit.</summary>
public sealed record RollbackPlan(string Application, string Path, string TargetRevision, string TargetSubject, string BaseRevision, string? BaseTreeSha, string? TargetTreeSha, string Diff)
{
    public bool NoChange => Diff.Length == 0;
    public string Summary => $"{Path} restored to {TargetRevision[..7]} ({TargetSubject})";
}
