namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// What a valid build looks like: which fields are required and the range of each. Counts are
/// non-negative; ratios and probabilities lie in 0-1; hour and weekday are calendar ranges.
/// </summary>
public static class BuildFeaturesRules
{
    /// <summary>Generous upper bound for counts: catches unit mix-ups and overflow, not real builds.</summary>
    public const double MaxCount = 1e9;

    public const int MaxBuildIdLength = 200;

    private enum Range
    {
        Count,
        Ratio,
        Hour,
        Weekday,
    }

    private static readonly (string Name, Func<BuildFeaturesInput, double?> Read, Range Range, bool Required)[] Numbers =
    [
        ("filesModified", b => b.FilesModified, Range.Count, true),
        ("linesAdded", b => b.LinesAdded, Range.Count, true),
        ("linesDeleted", b => b.LinesDeleted, Range.Count, true),
        ("sourceChurn", b => b.SourceChurn, Range.Count, false),
        ("testChurn", b => b.TestChurn, Range.Count, false),
        ("filesAdded", b => b.FilesAdded, Range.Count, false),
        ("filesDeleted", b => b.FilesDeleted, Range.Count, false),
        ("sourceFiles", b => b.SourceFiles, Range.Count, false),
        ("testFiles", b => b.TestFiles, Range.Count, false),
        ("docFiles", b => b.DocFiles, Range.Count, false),
        ("configFiles", b => b.ConfigFiles, Range.Count, false),
        ("commits", b => b.Commits, Range.Count, true),
        ("committers", b => b.Committers, Range.Count, false),
        ("commitsOnFiles", b => b.CommitsOnFiles, Range.Count, false),
        ("teamSize", b => b.TeamSize, Range.Count, false),
        ("hourOfDay", b => b.HourOfDay, Range.Hour, true),
        ("dayOfWeek", b => b.DayOfWeek, Range.Weekday, true),
        ("committerExperience", b => b.CommitterExperience, Range.Count, false),
        ("minutesSincePreviousBuild", b => b.MinutesSincePreviousBuild, Range.Count, false),
        ("previousDurationSeconds", b => b.PreviousDurationSeconds, Range.Count, false),
        ("recentPassedDurationSeconds", b => b.RecentPassedDurationSeconds, Range.Count, false),
        ("previousTestsPassed", b => b.PreviousTestsPassed, Range.Count, false),
        ("previousTestsFailed", b => b.PreviousTestsFailed, Range.Count, false),
        ("previousDependencyErrors", b => b.PreviousDependencyErrors, Range.Count, false),
        ("previousCompileErrors", b => b.PreviousCompileErrors, Range.Count, false),
        ("previousTestErrors", b => b.PreviousTestErrors, Range.Count, false),
        ("previousOtherErrors", b => b.PreviousOtherErrors, Range.Count, false),
        ("failureRatio", b => b.FailureRatio, Range.Ratio, false),
        ("recentFailureRatio", b => b.RecentFailureRatio, Range.Ratio, false),
        ("committerFailureRatio", b => b.CommitterFailureRatio, Range.Ratio, false),
        ("committerRecentFailureRatio", b => b.CommitterRecentFailureRatio, Range.Ratio, false),
        ("consecutiveFailures", b => b.ConsecutiveFailures, Range.Count, false),
        ("buildsSinceLastFailure", b => b.BuildsSinceLastFailure, Range.Count, false),
        ("fileFailureProbabilityMax", b => b.FileFailureProbabilityMax, Range.Ratio, false),
        ("fileFailureProbabilityAverage", b => b.FileFailureProbabilityAverage, Range.Ratio, false),
        ("fileFailureProbabilitySum", b => b.FileFailureProbabilitySum, Range.Count, false),
        ("dependencyCount", b => b.DependencyCount, Range.Count, false),
        ("testCount", b => b.TestCount, Range.Count, false),
    ];

    private static readonly (string Name, Func<BuildFeaturesInput, bool?> Read)[] RequiredFlags =
    [
        ("isPullRequest", b => b.IsPullRequest),
        ("isMainBranch", b => b.IsMainBranch),
    ];

    /// <summary>The fields a caller must send; the rest default to 0 (or false / unknown).</summary>
    public static IReadOnlyList<string> RequiredFields { get; } =
        [.. Numbers.Where(n => n.Required).Select(n => n.Name), .. RequiredFlags.Select(f => f.Name)];

    /// <summary>Adds every problem of <paramref name="build"/> under <paramref name="prefix"/> (e.g. <c>builds[2].</c>).</summary>
    public static void Validate(BuildFeaturesInput? build, FieldErrors errors, string prefix = "")
    {
        if (build is null)
        {
            errors.Add(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), "is required: a JSON object with the build's features.");
            return;
        }
        errors.RequireText(prefix + "buildId", build.BuildId, required: false, MaxBuildIdLength);
        foreach (var (name, read, range, required) in Numbers)
        {
            var (min, max) = range switch
            {
                Range.Ratio => (0d, 1d),
                Range.Hour => (0d, 23d),
                Range.Weekday => (0d, 6d),
                _ => (0d, MaxCount),
            };
            errors.RequireNumber(prefix + name, read(build), required, min, max);
        }
        foreach (var (name, read) in RequiredFlags)
        {
            if (read(build) is null)
            {
                errors.Add(prefix + name, "is required (true or false).");
            }
        }
    }
}
