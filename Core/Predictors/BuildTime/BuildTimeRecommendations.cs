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

    /// <summary>
    /// Plain loops (this runs for every build-time answer): the contributions are summed in driver
    /// order and the result ordered by saving, largest first, ties in rule order — what
    /// <c>Where(...).Sum()</c> and a stable <c>OrderByDescending</c> give, without their allocations.
    /// </summary>
    public static IReadOnlyList<BuildTimeRecommendation> From(BuildFeatures features, IReadOnlyList<FeatureDriver> drivers, double predictedSeconds)
    {
        List<BuildTimeRecommendation>? recommendations = null;
        foreach (var rule in Rules)
        {
            double added = 0;
            for (var i = 0; i < drivers.Count; i++)
            {
                var driver = drivers[i];
                if (driver.Contribution > 0 && Array.IndexOf(rule.Features, driver.Feature) >= 0)
                {
                    added += driver.Contribution;
                }
            }
            var saving = Math.Min(added * rule.RecoverableShare, predictedSeconds * 0.9);
            if (saving >= MinimumSavingSeconds)
            {
                recommendations ??= new List<BuildTimeRecommendation>(Rules.Length);
                var recommendation = new BuildTimeRecommendation(rule.Code, rule.Title, rule.Detail(features), Math.Round(saving, 1));
                var at = recommendations.Count;
                while (at > 0 && recommendations[at - 1].EstimatedSavingSeconds < recommendation.EstimatedSavingSeconds)
                {
                    at--;
                }
                recommendations.Insert(at, recommendation);
            }
        }
        return recommendations is null ? [] : recommendations.ToArray();
    }
}
