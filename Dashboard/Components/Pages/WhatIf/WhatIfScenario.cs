using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Dashboard.Components.Pages.WhatIf;

/// <summary>A slider on the what-if form: one build feature and its range.</summary>
public sealed record WhatIfSlider(string Feature, string Label, double Min, double Max, double Step);

/// <summary>One side of the comparison: the build's features as the user set them, and what the models say.</summary>
public sealed class WhatIfScenario(string name)
{
    public static IReadOnlyList<WhatIfSlider> Sliders { get; } =
    [
        new(nameof(BuildFeatures.LinesAdded), "Lines added", 0, 5_000, 10),
        new(nameof(BuildFeatures.FilesModified), "Files modified", 1, 200, 1),
        new(nameof(BuildFeatures.Commits), "Commits", 1, 50, 1),
        new(nameof(BuildFeatures.TestFiles), "Test files changed", 0, 50, 1),
        new(nameof(BuildFeatures.PreviousDurationSeconds), "Previous build (s)", 0, 3_600, 10),
        new(nameof(BuildFeatures.RecentFailureRatio), "Recent failure ratio", 0, 1, 0.2),
        new(nameof(BuildFeatures.FileFailureProbabilityMax), "Riskiest file's failure rate", 0, 1, 0.05),
        new(nameof(BuildFeatures.HourOfDay), "Hour of day (UTC)", 0, 23, 1),
    ];

    public string Name { get; } = name;

    public Dictionary<string, double> Values { get; } = new()
    {
        [nameof(BuildFeatures.LinesAdded)] = 120,
        [nameof(BuildFeatures.FilesModified)] = 6,
        [nameof(BuildFeatures.Commits)] = 2,
        [nameof(BuildFeatures.TestFiles)] = 1,
        [nameof(BuildFeatures.PreviousDurationSeconds)] = 420,
        [nameof(BuildFeatures.RecentFailureRatio)] = 0.2,
        [nameof(BuildFeatures.FileFailureProbabilityMax)] = 0.15,
        [nameof(BuildFeatures.HourOfDay)] = 14,
    };

    public bool PreviousBuildFailed { get; set; }

    public bool IsPullRequest { get; set; } = true;

    public BuildTimePrediction? BuildTime { get; set; }

    public FailureRiskPrediction? FailureRisk { get; set; }

    public BuildFeatures ToFeatures() => new()
    {
        LinesAdded = Values[nameof(BuildFeatures.LinesAdded)],
        LinesDeleted = Math.Round(Values[nameof(BuildFeatures.LinesAdded)] * 0.3),
        FilesModified = Values[nameof(BuildFeatures.FilesModified)],
        SourceFiles = Math.Max(0, Values[nameof(BuildFeatures.FilesModified)] - Values[nameof(BuildFeatures.TestFiles)]),
        TestFiles = Values[nameof(BuildFeatures.TestFiles)],
        Commits = Values[nameof(BuildFeatures.Commits)],
        Committers = 1,
        TeamSize = 12,
        IsPullRequest = IsPullRequest,
        IsMainBranch = !IsPullRequest,
        HourOfDay = Values[nameof(BuildFeatures.HourOfDay)],
        DayOfWeek = 2,
        ByCoreMember = true,
        CommitterExperience = 120,
        MinutesSincePreviousBuild = 45,
        PreviousBuildFailed = PreviousBuildFailed,
        PreviousDurationSeconds = Values[nameof(BuildFeatures.PreviousDurationSeconds)],
        // No slider of its own: the scenario's normal build is as long as its previous one.
        RecentPassedDurationSeconds = Values[nameof(BuildFeatures.PreviousDurationSeconds)],
        PreviousTestsPassed = 1_800,
        RecentFailureRatio = Values[nameof(BuildFeatures.RecentFailureRatio)],
        FailureRatio = 0.17,
        ConsecutiveFailures = PreviousBuildFailed ? 1 : 0,
        BuildsSinceLastFailure = PreviousBuildFailed ? 0 : 5,
        FileFailureProbabilityMax = Values[nameof(BuildFeatures.FileFailureProbabilityMax)],
        FileFailureProbabilityAverage = Values[nameof(BuildFeatures.FileFailureProbabilityMax)] / 2,
        DependencyCount = 85,
        TestCount = 1_850,
    };
}
