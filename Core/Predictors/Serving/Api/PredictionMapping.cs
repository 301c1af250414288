using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>Model results to the API's response shapes.</summary>
public static class PredictionMapping
{
    public static BuildTimeOutput ToOutput(this BuildTimePrediction p, string? buildId) => new(
        buildId, p.Seconds, p.LowerSeconds, p.UpperSeconds, p.Coverage,
        Drivers(p.Drivers),
        Recommendations(p.Recommendations));

    public static FailureRiskOutput ToOutput(this FailureRiskPrediction p, string? buildId) => new(
        buildId, p.FailureProbability, p.Threshold, p.LikelyToFail, Drivers(p.Drivers));

    public static TestSelectionOutput ToOutput(this TestSelectionResult r, string? changeId) => new(
        changeId,
        [.. r.Ranked.Where(t => t.Selected).Select(t => t.Name)],
        [.. r.Ranked.Select(t => new RankedTestOutput(t.Rank, t.Name, t.FailureProbability, t.DurationSeconds, t.Selected))],
        r.SelectedCount,
        r.SelectedDurationSeconds,
        r.TotalDurationSeconds,
        Math.Max(0, r.TotalDurationSeconds - r.SelectedDurationSeconds),
        r.ExpectedShareOfFailuresCaught);

    /// <summary>The headline value logged and charted for a selection: the share of test time kept.</summary>
    public static double SelectedShare(this TestSelectionResult r) =>
        r.TotalDurationSeconds > 0 ? r.SelectedDurationSeconds / r.TotalDurationSeconds : 0;

    private static DriverOutput[] Drivers(IReadOnlyList<FeatureDriver> drivers) =>
        Map(drivers, static d => new DriverOutput(ToCamelCase(d.Feature), d.Value, d.Contribution));

    private static RecommendationOutput[] Recommendations(IReadOnlyList<BuildTimeRecommendation> recommendations) =>
        Map(recommendations, static r => new RecommendationOutput(r.Code, r.Title, r.Detail, r.EstimatedSavingSeconds));

    // A plain loop: this runs for every answer, and Select over an interface allocates its iterator
    // (a static lambda's delegate is cached by the compiler).
    private static TOutput[] Map<TInput, TOutput>(IReadOnlyList<TInput> items, Func<TInput, TOutput> map)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var outputs = new TOutput[items.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = map(items[i]);
        }
        return outputs;
    }

    /// <summary>Driver names are BuildFeatures property names; the API speaks camelCase like its requests.</summary>
    private static string ToCamelCase(string name) => CamelCaseNames.TryGetValue(name, out var known) ? known : CamelCase(name);

    private static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The feature names converted once, not per driver of every answer.</summary>
    private static readonly Dictionary<string, string> CamelCaseNames =
        BuildFeatureVector.Names.Concat(TestCaseFeatureVector.Names).Distinct().ToDictionary(n => n, CamelCase, StringComparer.Ordinal);
}
