namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>
/// How much a model's quality drops when one feature's values are shuffled across held-out rows
/// (the feature then carries no information about the row). Positive = the model relies on it.
/// The unit is the version's <see cref="FeatureImportanceSet.Metric"/>: ROC AUC points for the
/// classifiers, seconds of mean absolute error for build time.
/// </summary>
public sealed record FeatureImportance(string Feature, double Importance);

/// <summary>A version's feature importance as stored in its folder (<c>feature-importance.json</c>).</summary>
public sealed record FeatureImportanceSet(string Metric, IReadOnlyList<FeatureImportance> Features)
{
    public const string FileName = "feature-importance.json";

    public static FeatureImportanceSet Empty { get; } = new("", []);
}
