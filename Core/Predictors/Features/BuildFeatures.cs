namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>
/// The canonical description of one build of a change, known before the build runs: the change
/// itself, its context and the project's recent history. Every importer (BuildFast, GitHub
/// Actions, ...) and the prediction API produce this record; every build predictor consumes it.
/// Counts that a source does not know stay 0; <see cref="PreviousBuildFailed"/> is null for a
/// project's first build.
/// </summary>
public sealed record BuildFeatures
{
    // The change.
    public double FilesModified { get; init; }
    public double LinesAdded { get; init; }
    public double LinesDeleted { get; init; }
    public double SourceChurn { get; init; }
    public double TestChurn { get; init; }
    public double FilesAdded { get; init; }
    public double FilesDeleted { get; init; }
    public double SourceFiles { get; init; }
    public double TestFiles { get; init; }
    public double DocFiles { get; init; }
    public double ConfigFiles { get; init; }
    public double Commits { get; init; }
    public double Committers { get; init; }

    /// <summary>Earlier commits that touched the changed files: how busy that code is.</summary>
    public double CommitsOnFiles { get; init; }

    // Context.
    public double TeamSize { get; init; }
    public bool IsPullRequest { get; init; }
    public bool IsMainBranch { get; init; }

    /// <summary>0-23, UTC.</summary>
    public double HourOfDay { get; init; }

    /// <summary>0 = Sunday ... 6 = Saturday.</summary>
    public double DayOfWeek { get; init; }
    public bool ByCoreMember { get; init; }

    /// <summary>The author's experience in the project (source-specific scale, higher = more).</summary>
    public double CommitterExperience { get; init; }

    /// <summary>Minutes since the project's previous build started.</summary>
    public double MinutesSincePreviousBuild { get; init; }

    // The previous build and recent history.
    public bool? PreviousBuildFailed { get; init; }
    public double PreviousDurationSeconds { get; init; }

    /// <summary>
    /// Median duration of the project's last <see cref="RecentPassedBuilds"/> passed builds (0 when none is known):
    /// the length of a normal build, which the previous build's duration is not after a build that died early.
    /// </summary>
    public double RecentPassedDurationSeconds { get; init; }
    public double PreviousTestsPassed { get; init; }
    public double PreviousTestsFailed { get; init; }

    /// <summary>Errors by kind in the previous build (0 or a count).</summary>
    public double PreviousDependencyErrors { get; init; }
    public double PreviousCompileErrors { get; init; }
    public double PreviousTestErrors { get; init; }
    public double PreviousOtherErrors { get; init; }

    /// <summary>Failed share of all earlier builds of the project.</summary>
    public double FailureRatio { get; init; }

    /// <summary>Failed share of the project's recent builds (last 5 where the source computes it).</summary>
    public double RecentFailureRatio { get; init; }

    /// <summary>Failed share of earlier builds by the same committer.</summary>
    public double CommitterFailureRatio { get; init; }
    public double CommitterRecentFailureRatio { get; init; }

    /// <summary>Length of the current streak of failed builds (0 when the last build passed).</summary>
    public double ConsecutiveFailures { get; init; }

    /// <summary>Builds since the last failure.</summary>
    public double BuildsSinceLastFailure { get; init; }

    /// <summary>Failure history of the changed files: highest, mean and sum of per-file failure probabilities.</summary>
    public double FileFailureProbabilityMax { get; init; }
    public double FileFailureProbabilityAverage { get; init; }
    public double FileFailureProbabilitySum { get; init; }

    // The project.
    public double DependencyCount { get; init; }
    public double TestCount { get; init; }

    /// <summary>How many passed builds <see cref="RecentPassedDurationSeconds"/> takes the median of.</summary>
    public const int RecentPassedBuilds = 5;

    /// <summary>The median of the last <see cref="RecentPassedBuilds"/> of <paramref name="passedDurations"/> (oldest first); 0 for none.</summary>
    public static double RecentPassedMedian(IReadOnlyList<double> passedDurations)
    {
        var recent = passedDurations.Skip(Math.Max(0, passedDurations.Count - RecentPassedBuilds)).Order().ToList();
        return recent.Count == 0 ? 0
            : recent.Count % 2 == 1 ? recent[recent.Count / 2]
            : (recent[(recent.Count / 2) - 1] + recent[recent.Count / 2]) / 2;
    }
}
