using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

/// <summary>
/// Turns the features that lengthen a predicted build into actions. A recommendation appears
/// only when its feature adds time to THIS prediction (positive contribution), and its saving is
/// the share of that contribution the action can plausibly remove.
/// </summary>
internal static class BuildTimeRecommendations
{
    private const double MinimumSavingSeconds = 5;

    private sealed record Rule(string Code, string Title, string[] Features, double RecoverableShare, Func<BuildFeatures, string> Detail);

    private static readonly Rule[] Rules =
    [
        new("cache-dependencies", "Cache dependencies",
            [nameof(BuildFeatures.DependencyCount), nameof(BuildFeatures.PreviousDependencyErrors), nameof(BuildFeatures.ConfigFiles)], 0.6,
            f => $"{f.DependencyCount:0} dependency changes and {f.ConfigFiles:0} build-configuration files: restore dependencies from a cache keyed on the lock file instead of downloading them."),
        new("parallel-tests", "Run tests in parallel",
            [nameof(BuildFeatures.TestCount), nameof(BuildFeatures.PreviousTestsPassed), nameof(BuildFeatures.TestFiles), nameof(BuildFeatures.PreviousDurationSeconds)], 0.5,
            f => $"About {f.TestCount:0} tests ran last time: split them across parallel jobs or test-runner workers."),
        new("select-tests", "Run only the tests this change affects",
            [nameof(BuildFeatures.TestChurn), nameof(BuildFeatures.PreviousTestsFailed), nameof(BuildFeatures.PreviousTestErrors)], 0.4,
            f => $"The change touches {f.TestFiles:0} test files ({f.TestChurn:0} lines): use the test-selection model to run the tests most likely to fail first."),
        new("split-change", "Split the change",
            [nameof(BuildFeatures.FilesModified), nameof(BuildFeatures.LinesAdded), nameof(BuildFeatures.LinesDeleted), nameof(BuildFeatures.SourceChurn),
             nameof(BuildFeatures.SourceFiles), nameof(BuildFeatures.FilesAdded), nameof(BuildFeatures.Commits), nameof(BuildFeatures.CommitsOnFiles)], 0.5,
            f => $"{f.FilesModified:0} files and {f.LinesAdded + f.LinesDeleted:0} changed lines in {f.Commits:0} commits: smaller changes build incrementally and fail faster."),
    ];

    public static IReadOnlyList<BuildTimeRecommendation> From(BuildFeatures features, IReadOnlyList<FeatureDriver> drivers, double predictedSeconds)
    {
        var recommendations = new List<BuildTimeRecommendation>();
        foreach (var rule in Rules)
        {
            var added = drivers.Where(d => rule.Features.Contains(d.Feature) && d.Contribution > 0).Sum(d => d.Contribution);
            var saving = Math.Min(added * rule.RecoverableShare, predictedSeconds * 0.9);
            if (saving >= MinimumSavingSeconds)
            {
                recommendations.Add(new BuildTimeRecommendation(rule.Code, rule.Title, rule.Detail(features), Math.Round(saving, 1)));
            }
        }
        return [.. recommendations.OrderByDescending(r => r.EstimatedSavingSeconds)];
    }
}
