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
        var withMedian = new double[vector.Length];
        for (var i = 0; i < withMedian.Length; i++)
        {
            withMedian[i] = scores[i + 1];
        }
        return Rank(vector, medians, names, scores[0], withMedian, top);
    }

    /// <summary>
    /// The explanation from scores already known: <paramref name="baseline"/> for the row and
    /// <paramref name="withMedian"/>[i] for the row with feature i alone at its median (a model that
    /// computes those without scoring n+1 rows, like a tree ensemble, calls this directly).
    /// The <paramref name="top"/> largest by absolute contribution, ties in feature order.
    /// </summary>
    public static IReadOnlyList<FeatureDriver> Rank(float[] vector, IReadOnlyList<float> medians, IReadOnlyList<string> names,
        double baseline, ReadOnlySpan<double> withMedian, int top = DefaultTop)
    {
        var drivers = new List<FeatureDriver>(top + 1);
        for (var i = 0; i < vector.Length; i++)
        {
            var contribution = baseline - withMedian[i];
            if (vector[i] == medians[i] || Math.Abs(contribution) <= 1e-9)
            {
                continue;
            }
            var at = drivers.Count;
            while (at > 0 && Math.Abs(drivers[at - 1].Contribution) < Math.Abs(contribution))
            {
                at--;
            }
            if (at < top)
            {
                drivers.Insert(at, new FeatureDriver(names[i], vector[i], contribution));
                if (drivers.Count > top)
                {
                    drivers.RemoveAt(top);
                }
            }
        }
        return drivers;
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
