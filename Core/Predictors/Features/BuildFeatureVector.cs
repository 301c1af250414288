namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>
/// The fixed order in which <see cref="BuildFeatures"/> becomes a numeric vector for the models
/// and for drift profiles. Names are the property names, so a driver or a drift result points
/// straight at a field of the API's request.
/// </summary>
public static class BuildFeatureVector
{
    private static readonly (string Name, Func<BuildFeatures, double> Read)[] Columns =
    [
        (nameof(BuildFeatures.FilesModified), f => f.FilesModified),
        (nameof(BuildFeatures.LinesAdded), f => f.LinesAdded),
        (nameof(BuildFeatures.LinesDeleted), f => f.LinesDeleted),
        (nameof(BuildFeatures.SourceChurn), f => f.SourceChurn),
        (nameof(BuildFeatures.TestChurn), f => f.TestChurn),
        (nameof(BuildFeatures.FilesAdded), f => f.FilesAdded),
        (nameof(BuildFeatures.FilesDeleted), f => f.FilesDeleted),
        (nameof(BuildFeatures.SourceFiles), f => f.SourceFiles),
        (nameof(BuildFeatures.TestFiles), f => f.TestFiles),
        (nameof(BuildFeatures.DocFiles), f => f.DocFiles),
        (nameof(BuildFeatures.ConfigFiles), f => f.ConfigFiles),
        (nameof(BuildFeatures.Commits), f => f.Commits),
        (nameof(BuildFeatures.Committers), f => f.Committers),
        (nameof(BuildFeatures.CommitsOnFiles), f => f.CommitsOnFiles),
        (nameof(BuildFeatures.TeamSize), f => f.TeamSize),
        (nameof(BuildFeatures.IsPullRequest), f => f.IsPullRequest ? 1 : 0),
        (nameof(BuildFeatures.IsMainBranch), f => f.IsMainBranch ? 1 : 0),
        (nameof(BuildFeatures.HourOfDay), f => f.HourOfDay),
        (nameof(BuildFeatures.DayOfWeek), f => f.DayOfWeek),
        (nameof(BuildFeatures.ByCoreMember), f => f.ByCoreMember ? 1 : 0),
        (nameof(BuildFeatures.CommitterExperience), f => f.CommitterExperience),
        (nameof(BuildFeatures.MinutesSincePreviousBuild), f => f.MinutesSincePreviousBuild),
        (nameof(BuildFeatures.PreviousBuildFailed), f => f.PreviousBuildFailed switch { true => 1, false => 0, null => 0.5 }),
        (nameof(BuildFeatures.PreviousDurationSeconds), f => f.PreviousDurationSeconds),
        (nameof(BuildFeatures.PreviousTestsPassed), f => f.PreviousTestsPassed),
        (nameof(BuildFeatures.PreviousTestsFailed), f => f.PreviousTestsFailed),
        (nameof(BuildFeatures.PreviousDependencyErrors), f => f.PreviousDependencyErrors),
        (nameof(BuildFeatures.PreviousCompileErrors), f => f.PreviousCompileErrors),
        (nameof(BuildFeatures.PreviousTestErrors), f => f.PreviousTestErrors),
        (nameof(BuildFeatures.PreviousOtherErrors), f => f.PreviousOtherErrors),
        (nameof(BuildFeatures.FailureRatio), f => f.FailureRatio),
        (nameof(BuildFeatures.RecentFailureRatio), f => f.RecentFailureRatio),
        (nameof(BuildFeatures.CommitterFailureRatio), f => f.CommitterFailureRatio),
        (nameof(BuildFeatures.CommitterRecentFailureRatio), f => f.CommitterRecentFailureRatio),
        (nameof(BuildFeatures.ConsecutiveFailures), f => f.ConsecutiveFailures),
        (nameof(BuildFeatures.BuildsSinceLastFailure), f => f.BuildsSinceLastFailure),
        (nameof(BuildFeatures.FileFailureProbabilityMax), f => f.FileFailureProbabilityMax),
        (nameof(BuildFeatures.FileFailureProbabilityAverage), f => f.FileFailureProbabilityAverage),
        (nameof(BuildFeatures.FileFailureProbabilitySum), f => f.FileFailureProbabilitySum),
        (nameof(BuildFeatures.DependencyCount), f => f.DependencyCount),
        (nameof(BuildFeatures.TestCount), f => f.TestCount),
        (nameof(BuildFeatures.RecentPassedDurationSeconds), f => f.RecentPassedDurationSeconds),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Columns.Select(c => c.Name)];

    public static int Length => Columns.Length;

    public static float[] ToVector(BuildFeatures features)
    {
        var vector = new float[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            vector[i] = (float)Columns[i].Read(features);
        }
        return vector;
    }
}
