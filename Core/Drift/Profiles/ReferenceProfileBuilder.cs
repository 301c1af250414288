using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Core.Drift.Profiles;

/// <summary>Builds a <see cref="ReferenceProfile"/> from a model version's training columns.</summary>
public static class ReferenceProfileBuilder
{
    /// <summary>
    /// Rows kept per feature. Above 1,000 Evidently switches to distances (Wasserstein,
    /// Jensen–Shannon); 5,000 keeps those stable while a profile stays small in the database.
    /// </summary>
    public const int MaxSample = 5000;

    public static ReferenceProfile Build(string model, string version, IEnumerable<TrainingColumn> columns, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var features = columns.Select(c => c.Kind == FeatureKind.Numeric ? NumericProfile(c) : CategoryProfile(c)).ToList();
        var duplicate = features.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Feature '{duplicate.Key}' appears twice in the training columns of {model} {version}.");
        }
        return new ReferenceProfile(model, version, createdAt, features);
    }

    private static FeatureProfile NumericProfile(TrainingColumn column)
    {
        var values = column.Numbers?.Where(double.IsFinite).ToArray()
            ?? throw new ArgumentException($"Numeric feature '{column.Name}' has no numbers.");
        if (values.Length == 0)
        {
            throw new ArgumentException($"Numeric feature '{column.Name}' has no finite values.");
        }
        var sorted = values.ToArray();
        FastSort.Sort(sorted);
        var edges = BinnedFrequencies.SturgesEdges(sorted, []);
        var counts = BinnedFrequencies.Histogram(sorted, edges);
        var sample = Sample(values);
        Array.Sort(sample);
        return new FeatureProfile
        {
            Name = column.Name,
            Kind = FeatureKind.Numeric,
            Rows = values.Length,
            Quantiles = [.. Enumerable.Range(0, 21).Select(i => Quantile(sorted, i / 20.0))],
            HistogramEdges = edges,
            HistogramShares = [.. counts.Select(c => (double)c / values.Length)],
            Mean = values.Average(),
            StandardDeviation = Wasserstein.StandardDeviation(values),
            NumericSample = sample,
        };
    }

    private static FeatureProfile CategoryProfile(TrainingColumn column)
    {
        var values = column.Categories ?? throw new ArgumentException($"Feature '{column.Name}' has no categories.");
        if (values.Length == 0)
        {
            throw new ArgumentException($"Feature '{column.Name}' has no values.");
        }
        return new FeatureProfile
        {
            Name = column.Name,
            Kind = column.Kind,
            Rows = values.Length,
            CategoryShares = values.CountBy(v => v, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (double)p.Value / values.Length, StringComparer.Ordinal),
            CategorySample = Sample(values),
        };
    }

    /// <summary>numpy's default quantile: linear interpolation between closest ranks.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /// <summary>All values when few, else a seeded uniform sample: the same training data gives the same profile.</summary>
    private static T[] Sample<T>(T[] values)
    {
        if (values.Length <= MaxSample)
        {
            return [.. values];
        }
        var random = new Random(values.Length);
        var picked = new T[MaxSample];
        // Reservoir sampling keeps each row equally likely in one pass.
        Array.Copy(values, picked, MaxSample);
        for (var i = MaxSample; i < values.Length; i++)
        {
            var j = random.Next(i + 1);
            if (j < MaxSample)
            {
                picked[j] = values[i];
            }
        }
        return picked;
    }
}
