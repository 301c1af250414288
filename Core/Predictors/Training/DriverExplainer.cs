using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// Explains one prediction model-agnostically: for each feature, how much the prediction moves
/// when that feature alone is set to the training median. One batch of n+1 rows per prediction,
/// so it is cheap for trees and for the network alike.
/// </summary>
internal static class DriverExplainer
{
    public const int DefaultTop = 5;

    public static IReadOnlyList<FeatureDriver> Explain(float[] vector, IReadOnlyList<float> medians, IReadOnlyList<string> names,
        Func<IReadOnlyList<float[]>, IReadOnlyList<double>> predictBatch, int top = DefaultTop)
    {
        var batch = new List<float[]>(vector.Length + 1) { vector };
        for (var i = 0; i < vector.Length; i++)
        {
            var changed = (float[])vector.Clone();
            changed[i] = medians[i];
            batch.Add(changed);
        }
        var scores = predictBatch(batch);
        var baseline = scores[0];
        return [.. Enumerable.Range(0, vector.Length)
            .Where(i => vector[i] != medians[i])
            .Select(i => new FeatureDriver(names[i], vector[i], baseline - scores[i + 1]))
            .Where(d => Math.Abs(d.Contribution) > 1e-9)
            .OrderByDescending(d => Math.Abs(d.Contribution))
            .Take(top)];
    }

    public static float[] Medians(IReadOnlyList<float[]> vectors, int length)
    {
        var medians = new float[length];
        var column = new float[vectors.Count];
        for (var j = 0; j < length; j++)
        {
            for (var i = 0; i < vectors.Count; i++)
            {
                column[i] = vectors[i][j];
            }
            Array.Sort(column);
            medians[j] = column.Length == 0 ? 0 : column[column.Length / 2];
        }
        return medians;
    }
}
