namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>
/// One incident as the analysts see it, whether collected from the live cluster or captured
/// elsewhere (kubectl output pasted into a file). Every part is optional: the analysts work from
/// whatever is there. The schema is documented in Core/Incidents/CapturedIncident.md.
/// </summary>
public sealed record CapturedIncident
{
    /// <summary>alert, drift or ci; empty: inferred from which parts are present.</summary>
    public string? Domain { get; init; }

    /// <summary>The application the incident belongs to (Argo CD application or deployment name).</summary>
    public string? Application { get; init; }

    public IncidentAlert? Alert { get; init; }
    public IncidentPod? Pod { get; init; }

    /// <summary>Events as kubectl prints them, one per line: "Warning BackOff pod/x Back-off restarting failed container".</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public IncidentLogs? Logs { get; init; }
    public IReadOnlyList<IncidentNode> Nodes { get; init; } = [];
    public IncidentMetrics? Metrics { get; init; }

    /// <summary>The Argo CD application's status, when the workload is deployed through GitOps.</summary>
    public GitOpsStatus? GitOps { get; init; }

    public IReadOnlyList<IncidentCommit> RecentCommits { get; init; } = [];

    /// <summary>Anything else worth reading: kubectl describe output, notes; free text.</summary>
    public IReadOnlyList<string> Observations { get; init; } = [];

    public DriftContext? Drift { get; init; }
    public CiContext? Ci { get; init; }

    /// <summary>Set by the collector when a part was cut to stay within the size bound.</summary>
    public IReadOnlyList<string> Truncations { get; init; } = [];

    public IncidentDomain ResolvedDomain => Domain?.ToLowerInvariant() switch
    {
        "drift" => IncidentDomain.Drift,
        "ci" => IncidentDomain.Ci,
        "alert" => IncidentDomain.Alert,
        _ when Ci is not null && Pod is null && Alert is null => IncidentDomain.Ci,
        _ when Drift is not null && Pod is null => IncidentDomain.Drift,
        _ => IncidentDomain.Alert,
    };
}

public enum IncidentDomain
{
    Alert,
    Drift,
    Ci,
}

public sealed record IncidentAlert
{
    public string Status { get; init; } = "firing";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset? StartsAt { get; init; }

    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "";
    public string Severity => Labels.TryGetValue("severity", out var severity) ? severity : "";
}

public sealed record IncidentPod
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string Phase { get; init; } = "";
    public string? Node { get; init; }

    /// <summary>The pod's conditions as "Type=Status: reason message", e.g. "PodScheduled=False: Unschedulable 0/2 nodes are available ...".</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    public IReadOnlyList<IncidentContainer> Containers { get; init; } = [];
}

public sealed record IncidentContainer
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }
    public bool Ready { get; init; }
    public int Restarts { get; init; }
    public ContainerStateInfo State { get; init; } = new();
    public ContainerStateInfo? LastState { get; init; }

    /// <summary>Resource limits as Kubernetes quantities: {"memory": "6Gi", "cpu": "4"}.</summary>
    public IReadOnlyDictionary<string, string> Limits { get; init; } = new Dictionary<string, string>();
}

public sealed record ContainerStateInfo
{
    /// <summary>running, waiting or terminated.</summary>
    public string State { get; init; } = "";
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public int? ExitCode { get; init; }
}

public sealed record IncidentLogs
{
    public IReadOnlyList<string> Current { get; init; } = [];

    /// <summary>The previous (crashed) container's log: where a crash loop's cause usually is.</summary>
    public IReadOnlyList<string> Previous { get; init; } = [];
}

public sealed record IncidentNode
{
    public string Name { get; init; } = "";
    public string? Architecture { get; init; }

    /// <summary>Node conditions by type: {"Ready": "True", "MemoryPressure": "False"}.</summary>
    public IReadOnlyDictionary<string, string> Conditions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Taints { get; init; } = [];
}

public sealed record IncidentMetrics
{
    public double? LatencyP95Seconds { get; init; }
    public double? BaselineLatencyP95Seconds { get; init; }
    public double? ErrorRate { get; init; }

    /// <summary>Share of CPU periods throttled (container_cpu_cfs_throttled_periods_total / periods), 0..1.</summary>
    public double? CpuThrottledRatio { get; init; }
    public double? MemoryWorkingSetBytes { get; init; }
}

public sealed record GitOpsStatus
{
    public string Application { get; init; } = "";
    public string Sync { get; init; } = "";
    public string Health { get; init; } = "";
    public string? Revision { get; init; }

    /// <summary>Resources that differ from git: "Deployment grafana/grafana OutOfSync".</summary>
    public IReadOnlyList<string> OutOfSyncResources { get; init; } = [];
}

public sealed record IncidentCommit
{
    public string Sha { get; init; } = "";
    public string Author { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset When { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
}

public sealed record DriftContext
{
    public string Model { get; init; } = "";
    public string? Version { get; init; }
    public double Score { get; init; }
    public double Threshold { get; init; } = 0.1;

    /// <summary>Accuracy of the reference window and of the current window, when labels are known.</summary>
    public double? BaselineAccuracy { get; init; }
    public double? CurrentAccuracy { get; init; }

    /// <summary>Shift of the predicted/observed label distribution (PSI or similar), when known.</summary>
    public double? LabelShift { get; init; }

    /// <summary>Days since the model version was trained.</summary>
    public double? ModelAgeDays { get; init; }

    public IReadOnlyList<DriftFeature> TopFeatures { get; init; } = [];

    /// <summary>Start of the first window of the current unbroken run of drifted windows.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>How many monitored windows in a row have drifted, up to the latest.</summary>
    public int? DriftedWindows { get; init; }

    /// <summary>Share of features that drift in the latest window (dataset drift at 0.5 or more).</summary>
    public double? DriftedShare { get; init; }

    /// <summary>The version served just before drift began, when it differs from <see cref="Version"/>: a version switch.</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>The last deploy or promote commit to model serving at or before the window where drift began.</summary>
    public IncidentCommit? PrecedingDeploy { get; init; }
}

public sealed record DriftFeature
{
    public string Name { get; init; } = "";
    public double Score { get; init; }

    /// <summary>Whether the feature's own test says it drifted (its score alone is on the alert scale, 0.1 = threshold).</summary>
    public bool? Drifted { get; init; }

    /// <summary>The test behind the score and its raw value, e.g. "KolmogorovSmirnov p=0.0001 (threshold 0.05)".</summary>
    public string? Test { get; init; }
    public string? Baseline { get; init; }
    public string? Current { get; init; }
}

public sealed record CiContext
{
    public string? Workflow { get; init; }
    public string? Job { get; init; }
    public string? FailingStep { get; init; }
    public int? ExitCode { get; init; }
    public string? Commit { get; init; }
    public string? RunUrl { get; init; }

    /// <summary>The failing step's log, last lines first cut away when too long.</summary>
    public IReadOnlyList<string> Log { get; init; } = [];

    /// <summary>Files changed since the last green run, as plain paths (a hand-written incident's short form of <see cref="SinceLastGreen"/>).</summary>
    public IReadOnlyList<string> ChangedSinceLastGreen { get; init; } = [];

    /// <summary>The commits and files between the last green run's commit and this run's, bounded; null when there is no green run to compare with.</summary>
    public CiChangeSet? SinceLastGreen { get; init; }

    /// <summary>The triage classifier's class: TestFailure, Compile, Dependency, SecurityFinding, ModelBelowThreshold, ManifestError or Unknown.</summary>
    public string? TriageCategory { get; init; }

    /// <summary>The lines the classifier matched, as "line N: text".</summary>
    public IReadOnlyList<string> TriageEvidence { get; init; } = [];

    /// <summary>The last successful run of the same workflow and branch before this one: "#104 at abc1234 (2026-11-24 01:00Z)".</summary>
    public string? LastGreenRun { get; init; }

    /// <summary>Every path known to have changed since the last green run, from either form.</summary>
    public IEnumerable<CiFileChange> ChangedFiles() =>
        (SinceLastGreen?.Files ?? []).Concat(ChangedSinceLastGreen.Select(p => new CiFileChange { Path = p }))
            .DistinctBy(f => f.Path, StringComparer.Ordinal);
}

/// <summary>
/// What changed between two commits (GitHub's compare), as far as it was kept: the newest commits
/// and the files most worth reading. <see cref="TotalCommits"/> and <see cref="TotalFiles"/> count
/// everything, so a cut is visible; <see cref="Unavailable"/> says why nothing could be read.
/// </summary>
public sealed record CiChangeSet
{
    public string Base { get; init; } = "";
    public string Head { get; init; } = "";
    public string? Url { get; init; }

    /// <summary>Oldest first, as git log base..head.</summary>
    public IReadOnlyList<IncidentCommit> Commits { get; init; } = [];
    public int TotalCommits { get; init; }
    public IReadOnlyList<CiFileChange> Files { get; init; } = [];

    /// <summary>Files in the comparison; more than <see cref="Files"/> when files were cut.</summary>
    public int TotalFiles { get; init; }

    /// <summary>The source itself listed only part of the files (GitHub stops at 300): <see cref="TotalFiles"/> is a lower bound.</summary>
    public bool MoreFilesThanListed { get; init; }

    /// <summary>Why the comparison could not be read (unknown commit, GitHub refused); the lists are then empty.</summary>
    public string? Unavailable { get; init; }
}

public sealed record CiFileChange
{
    public string Path { get; init; } = "";

    /// <summary>added, modified, removed, renamed; null when only the path is known.</summary>
    public string? Status { get; init; }
    public int? Additions { get; init; }
    public int? Deletions { get; init; }

    public override string ToString() =>
        Status is null ? Path : $"{Path} ({Status}{(Additions is { } a ? $", +{a}" : "")}{(Deletions is { } d ? $" -{d}" : "")})";
}
