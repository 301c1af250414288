namespace MlOpsDashboard.Core.Predictors.FailureRisk;

/// <summary>
/// Signed log then standardisation with the training set's mean and deviation: CI counts are
/// heavy-tailed (one change with 10,000 lines), and a network trains badly on raw magnitudes.
/// </summary>
public sealed record FeatureScaler(float[] Means, float[] Deviations)
{
    public static FeatureScaler Fit(IReadOnlyList<float[]> vectors, int length)
    {
        var means = new float[length];
        var deviations = new float[length];
        for (var j = 0; j < length; j++)
        {
            double sum = 0, squares = 0;
            foreach (var v in vectors)
            {
                var x = Compress(v[j]);
                sum += x;
                squares += x * x;
            }
            var mean = vectors.Count == 0 ? 0 : sum / vectors.Count;
            var variance = vectors.Count == 0 ? 0 : Math.Max(0, squares / vectors.Count - mean * mean);
            means[j] = (float)mean;
            deviations[j] = variance < 1e-12 ? 1f : (float)Math.Sqrt(variance);
        }
        return new FeatureScaler(means, deviations);
    }

    public float[] Transform(float[] vector)
    {
        var scaled = new float[vector.Length];
        for (var j = 0; j < vector.Length; j++)
        {
            scaled[j] = (float)((Compress(vector[j]) - Means[j]) / Deviations[j]);
        }
        return scaled;
    }

    private static double Compress(float x) => Math.Sign(x) * Math.Log(1 + Math.Abs(x));
}
