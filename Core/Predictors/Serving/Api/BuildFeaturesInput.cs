using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// A build's features as the HTTP API receives them. Every member is nullable so a missing value
/// is told apart from a zero: the core description of the change is required, the rest defaults to
/// 0 as <see cref="BuildFeatures"/> documents ("counts a source does not know stay 0").
/// Names are the <see cref="BuildFeatures"/> properties in camelCase.
/// </summary>
public sealed class BuildFeaturesInput
{
    /// <summary>The caller's own id for this build (echoed back, at most 200 characters).</summary>
    public string? BuildId { get; set; }

    public double? FilesModified { get; set; }
    public double? LinesAdded { get; set; }
    public double? LinesDeleted { get; set; }
    public double? SourceChurn { get; set; }
    public double? TestChurn { get; set; }
    public double? FilesAdded { get; set; }
    public double? FilesDeleted { get; set; }
    public double? SourceFiles { get; set; }
    public double? TestFiles { get; set; }
    public double? DocFiles { get; set; }
    public double? ConfigFiles { get; set; }
    public double? Commits { get; set; }
    public double? Committers { get; set; }
    public double? CommitsOnFiles { get; set; }
    public double? TeamSize { get; set; }
    public bool? IsPullRequest { get; set; }
    public bool? IsMainBranch { get; set; }

    /// <summary>0-23, UTC.</summary>
    public double? HourOfDay { get; set; }

    /// <summary>0 = Sunday ... 6 = Saturday.</summary>
    public double? DayOfWeek { get; set; }
    public bool? ByCoreMember { get; set; }
    public double? CommitterExperience { get; set; }
    public double? MinutesSincePreviousBuild { get; set; }

    /// <summary>Null or absent for a project's first build.</summary>
    public bool? PreviousBuildFailed { get; set; }
    public double? PreviousDurationSeconds { get; set; }

    /// <summary>Optional: median duration of the project's last 5 passed builds; absent or 0 = unknown.</summary>
    public double? RecentPassedDurationSeconds { get; set; }
    public double? PreviousTestsPassed { get; set; }
    public double? PreviousTestsFailed { get; set; }
    public double? PreviousDependencyErrors { get; set; }
    public double? PreviousCompileErrors { get; set; }
    public double? PreviousTestErrors { get; set; }
    public double? PreviousOtherErrors { get; set; }

    /// <summary>0-1.</summary>
    public double? FailureRatio { get; set; }

    /// <summary>0-1.</summary>
    public double? RecentFailureRatio { get; set; }

    /// <summary>0-1.</summary>
    public double? CommitterFailureRatio { get; set; }

    /// <summary>0-1.</summary>
    public double? CommitterRecentFailureRatio { get; set; }
    public double? ConsecutiveFailures { get; set; }
    public double? BuildsSinceLastFailure { get; set; }

    /// <summary>0-1.</summary>
    public double? FileFailureProbabilityMax { get; set; }

    /// <summary>0-1.</summary>
    public double? FileFailureProbabilityAverage { get; set; }
    public double? FileFailureProbabilitySum { get; set; }
    public double? DependencyCount { get; set; }
    public double? TestCount { get; set; }

    /// <summary>Call after <see cref="BuildFeaturesRules.Validate"/> found nothing wrong.</summary>
    public BuildFeatures ToFeatures() => new()
    {
        FilesModified = FilesModified ?? 0,
        LinesAdded = LinesAdded ?? 0,
        LinesDeleted = LinesDeleted ?? 0,
        SourceChurn = SourceChurn ?? 0,
        TestChurn = TestChurn ?? 0,
        FilesAdded = FilesAdded ?? 0,
        FilesDeleted = FilesDeleted ?? 0,
        SourceFiles = SourceFiles ?? 0,
        TestFiles = TestFiles ?? 0,
        DocFiles = DocFiles ?? 0,
        ConfigFiles = ConfigFiles ?? 0,
        Commits = Commits ?? 0,
        Committers = Committers ?? 0,
        CommitsOnFiles = CommitsOnFiles ?? 0,
        TeamSize = TeamSize ?? 0,
        IsPullRequest = IsPullRequest ?? false,
        IsMainBranch = IsMainBranch ?? false,
        HourOfDay = HourOfDay ?? 0,
        DayOfWeek = DayOfWeek ?? 0,
        ByCoreMember = ByCoreMember ?? false,
        CommitterExperience = CommitterExperience ?? 0,
        MinutesSincePreviousBuild = MinutesSincePreviousBuild ?? 0,
        PreviousBuildFailed = PreviousBuildFailed,
        PreviousDurationSeconds = PreviousDurationSeconds ?? 0,
        RecentPassedDurationSeconds = RecentPassedDurationSeconds ?? 0,
        PreviousTestsPassed = PreviousTestsPassed ?? 0,
        PreviousTestsFailed = PreviousTestsFailed ?? 0,
        PreviousDependencyErrors = PreviousDependencyErrors ?? 0,
        PreviousCompileErrors = PreviousCompileErrors ?? 0,
        PreviousTestErrors = PreviousTestErrors ?? 0,
        PreviousOtherErrors = PreviousOtherErrors ?? 0,
        FailureRatio = FailureRatio ?? 0,
        RecentFailureRatio = RecentFailureRatio ?? 0,
        CommitterFailureRatio = CommitterFailureRatio ?? 0,
        CommitterRecentFailureRatio = CommitterRecentFailureRatio ?? 0,
        ConsecutiveFailures = ConsecutiveFailures ?? 0,
        BuildsSinceLastFailure = BuildsSinceLastFailure ?? 0,
        FileFailureProbabilityMax = FileFailureProbabilityMax ?? 0,
        FileFailureProbabilityAverage = FileFailureProbabilityAverage ?? 0,
        FileFailureProbabilitySum = FileFailureProbabilitySum ?? 0,
        DependencyCount = DependencyCount ?? 0,
        TestCount = TestCount ?? 0,
    };

    public static BuildFeaturesInput From(BuildFeatures f, string? buildId = null) => new()
    {
        BuildId = buildId,
        FilesModified = f.FilesModified,
        LinesAdded = f.LinesAdded,
        LinesDeleted = f.LinesDeleted,
        SourceChurn = f.SourceChurn,
        TestChurn = f.TestChurn,
        FilesAdded = f.FilesAdded,
        FilesDeleted = f.FilesDeleted,
        SourceFiles = f.SourceFiles,
        TestFiles = f.TestFiles,
        DocFiles = f.DocFiles,
        ConfigFiles = f.ConfigFiles,
        Commits = f.Commits,
        Committers = f.Committers,
        CommitsOnFiles = f.CommitsOnFiles,
        TeamSize = f.TeamSize,
        IsPullRequest = f.IsPullRequest,
        IsMainBranch = f.IsMainBranch,
        HourOfDay = f.HourOfDay,
        DayOfWeek = f.DayOfWeek,
        ByCoreMember = f.ByCoreMember,
        CommitterExperience = f.CommitterExperience,
        MinutesSincePreviousBuild = f.MinutesSincePreviousBuild,
        PreviousBuildFailed = f.PreviousBuildFailed,
        PreviousDurationSeconds = f.PreviousDurationSeconds,
        RecentPassedDurationSeconds = f.RecentPassedDurationSeconds,
        PreviousTestsPassed = f.PreviousTestsPassed,
        PreviousTestsFailed = f.PreviousTestsFailed,
        PreviousDependencyErrors = f.PreviousDependencyErrors,
        PreviousCompileErrors = f.PreviousCompileErrors,
        PreviousTestErrors = f.PreviousTestErrors,
        PreviousOtherErrors = f.PreviousOtherErrors,
        FailureRatio = f.FailureRatio,
        RecentFailureRatio = f.RecentFailureRatio,
        CommitterFailureRatio = f.CommitterFailureRatio,
        CommitterRecentFailureRatio = f.CommitterRecentFailureRatio,
        ConsecutiveFailures = f.ConsecutiveFailures,
        BuildsSinceLastFailure = f.BuildsSinceLastFailure,
        FileFailureProbabilityMax = f.FileFailureProbabilityMax,
        FileFailureProbabilityAverage = f.FileFailureProbabilityAverage,
        FileFailureProbabilitySum = f.FileFailureProbabilitySum,
        DependencyCount = f.DependencyCount,
        TestCount = f.TestCount,
    };
}
