using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Serving.Traffic;

/// <summary>
/// How the data-drift scenario bends the sandbox's traffic: one build feature becomes
/// <c>value × Scale + Offset</c> (ratios stay within 0-1, counts non-negative).
/// </summary>
public sealed record DataDriftShift(string Feature, double Scale, double Offset)
{
    /// <summary>The scenario's default: changes four times as large as the models were trained on.</summary>
    public static DataDriftShift Default { get; } = new(nameof(BuildFeatures.LinesAdded), 4, 0);


    public BuildFeatures Apply(BuildFeatures f)
    {
        double Shift(double v, bool ratio = false) => ratio ? Math.Clamp((v * Scale) + Offset, 0, 1) : Math.Max(0, Math.Round((v * Scale) + Offset, 3));
        return Feature switch
        {
            nameof(BuildFeatures.FilesModified) => f with { FilesModified = Shift(f.FilesModified) },
            nameof(BuildFeatures.LinesAdded) => f with { LinesAdded = Shift(f.LinesAdded) },
            nameof(BuildFeatures.LinesDeleted) => f with { LinesDeleted = Shift(f.LinesDeleted) },
            nameof(BuildFeatures.SourceChurn) => f with { SourceChurn = Shift(f.SourceChurn) },
            nameof(BuildFeatures.TestChurn) => f with { TestChurn = Shift(f.TestChurn) },
            nameof(BuildFeatures.Commits) => f with { Commits = Shift(f.Commits) },
            nameof(BuildFeatures.CommitsOnFiles) => f with { CommitsOnFiles = Shift(f.CommitsOnFiles) },
            nameof(BuildFeatures.TeamSize) => f with { TeamSize = Shift(f.TeamSize) },
            nameof(BuildFeatures.HourOfDay) => f with { HourOfDay = Math.Clamp(Math.Round((f.HourOfDay * Scale) + Offset), 0, 23) },
            nameof(BuildFeatures.CommitterExperience) => f with { CommitterExperience = Shift(f.CommitterExperience) },
            nameof(BuildFeatures.MinutesSincePreviousBuild) => f with { MinutesSincePreviousBuild = Shift(f.MinutesSincePreviousBuild) },
            nameof(BuildFeatures.PreviousDurationSeconds) => f with { PreviousDurationSeconds = Shift(f.PreviousDurationSeconds) },
            nameof(BuildFeatures.PreviousTestsFailed) => f with { PreviousTestsFailed = Shift(f.PreviousTestsFailed) },
            nameof(BuildFeatures.FailureRatio) => f with { FailureRatio = Shift(f.FailureRatio, ratio: true) },
            nameof(BuildFeatures.RecentFailureRatio) => f with { RecentFailureRatio = Shift(f.RecentFailureRatio, ratio: true) },
            nameof(BuildFeatures.CommitterFailureRatio) => f with { CommitterFailureRatio = Shift(f.CommitterFailureRatio, ratio: true) },
            nameof(BuildFeatures.FileFailureProbabilityMax) => f with { FileFailureProbabilityMax = Shift(f.FileFailureProbabilityMax, ratio: true) },
            nameof(BuildFeatures.DependencyCount) => f with { DependencyCount = Shift(f.DependencyCount) },
            nameof(BuildFeatures.TestCount) => f with { TestCount = Shift(f.TestCount) },
            _ => throw new ArgumentException($"'{Feature}' cannot be shifted; shiftable features: {string.Join(", ", Shiftable)}.", nameof(Feature)),
        };
    }

    /// <summary>The features <see cref="Apply"/> knows how to shift.</summary>
    public static IReadOnlyList<string> Shiftable { get; } =
    [
        nameof(BuildFeatures.FilesModified), nameof(BuildFeatures.LinesAdded), nameof(BuildFeatures.LinesDeleted),
        nameof(BuildFeatures.SourceChurn), nameof(BuildFeatures.TestChurn), nameof(BuildFeatures.Commits),
        nameof(BuildFeatures.CommitsOnFiles), nameof(BuildFeatures.TeamSize), nameof(BuildFeatures.HourOfDay),
        nameof(BuildFeatures.CommitterExperience), nameof(BuildFeatures.MinutesSincePreviousBuild),
        nameof(BuildFeatures.PreviousDurationSeconds), nameof(BuildFeatures.PreviousTestsFailed),
        nameof(BuildFeatures.FailureRatio), nameof(BuildFeatures.RecentFailureRatio), nameof(BuildFeatures.CommitterFailureRatio),
        nameof(BuildFeatures.FileFailureProbabilityMax), nameof(BuildFeatures.DependencyCount), nameof(BuildFeatures.TestCount),
    ];
}
