namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>
/// What one feature looked like in the training data: quantiles, a histogram over fixed bins and
/// a sample, enough for a drift monitor to run PSI or Kolmogorov-Smirnov against live traffic.
/// </summary>
public sealed record FeatureProfile(
    string Name,
    double Mean,
    IReadOnlyDictionary<string, double> Quantiles,
    IReadOnlyList<double> BinEdges,
    IReadOnlyList<int> BinCounts,
    IReadOnlyList<double> Sample);

public sealed record ReferenceProfile(int Rows, IReadOnlyList<FeatureProfile> Features)
{
    public const int Bins = 10;
    public const int SampleSize = 200;
    private static readonly double[] QuantilePoints = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    public static ReferenceProfile Build(IReadOnlyList<float[]> vectors, IReadOnlyList<string> names, int seed = 7)
    {
        var random = new Random(seed);
        var sampleRows = vectors.Count <= SampleSize
            ? Enumerable.Range(0, vectors.Count).ToList()
            : [.. Enumerable.Range(0, vectors.Count).OrderBy(_ => random.Next()).Take(SampleSize).Order()];
        var features = new List<FeatureProfile>(names.Count);
        for (var j = 0; j < names.Count; j++)
        {
            var column = vectors.Select(v => (double)v[j]).Order().ToList();
            var quantiles = QuantilePoints.ToDictionary(
                q => "p" + ((int)Math.Round(q * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                q => Training.QualityMetrics.Quantile(column, q));
            var low = column.Count == 0 ? 0 : column[0];
            var high = column.Count == 0 ? 0 : column[^1];
            var edges = Enumerable.Range(0, Bins + 1).Select(i => low + (high - low) * i / Bins).ToList();
            var counts = new int[Bins];
            foreach (var x in column)
            {
                var bin = high > low ? (int)Math.Min(Bins - 1, (x - low) / (high - low) * Bins) : 0;
                counts[bin]++;
            }
            features.Add(new FeatureProfile(names[j], column.Count == 0 ? 0 : column.Average(), quantiles, edges, counts,
                [.. sampleRows.Select(i => (double)vectors[i][j])]));
        }
        return new ReferenceProfile(vectors.Count, features);
    }
}
