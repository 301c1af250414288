using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// Permutation importance on a held-out slice, the same for every trainer (ML.NET trees and the
/// TorchSharp network alike), so two versions of a predictor compare on one scale.
/// </summary>
public static class PermutationImportance
{
    /// <param name="vectors">Held-out rows (a validation slice, never the test part).</param>
    /// <param name="quality">Scores a set of rows; higher is better (AUC, or minus the MAE).</param>
    /// <returns>One entry per feature, most important first.</returns>
    public static IReadOnlyList<FeatureImportance> Compute(
        IReadOnlyList<float[]> vectors, IReadOnlyList<string> names, Func<IReadOnlyList<float[]>, double> quality, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(quality);
        if (vectors.Count < 2)
        {
            return [];
        }
        var baseline = quality(vectors);
        if (double.IsNaN(baseline))
        {
            return [];
        }
        var random = new Random(seed);
        var order = Enumerable.Range(0, vectors.Count).ToArray();
        var result = new List<FeatureImportance>(names.Count);
        for (var feature = 0; feature < names.Count; feature++)
        {
            random.Shuffle(order);
            var permuted = new float[vectors.Count][];
            for (var i = 0; i < vectors.Count; i++)
            {
                var copy = (float[])vectors[i].Clone();
                copy[feature] = vectors[order[i]][feature];
                permuted[i] = copy;
            }
            result.Add(new FeatureImportance(names[feature], baseline - quality(permuted)));
        }
        return [.. result.OrderByDescending(r => r.Importance).ThenBy(r => r.Feature, StringComparer.Ordinal)];
    }
}
