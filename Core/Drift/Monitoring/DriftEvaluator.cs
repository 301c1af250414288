using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>
/// Compares one window of served values with a reference profile, feature by feature, with
/// Evidently's default test per column. Features the window lacks are left out, not guessed.
/// </summary>
public static class DriftEvaluator
{
    public static IReadOnlyList<(ColumnDrift Drift, int Rows)> Evaluate(ReferenceProfile profile, ServedWindow window, int minimumRows)
    {
        // Features are independent: test them on all cores, keep the profile's order.
        var results = new (ColumnDrift Drift, int Rows)?[profile.Features.Count];
        Parallel.For(0, profile.Features.Count, i =>
        {
            var feature = profile.Features[i];
            if (feature.Kind == FeatureKind.Numeric)
            {
                if (window.Numbers.TryGetValue(feature.Name, out var values) && values.Length >= minimumRows && feature.NumericSample.Length > 0)
                {
                    results[i] = (Numeric(feature, values), values.Length);
                }
            }
            else if (window.Categories.TryGetValue(feature.Name, out var labels) && labels.Length >= minimumRows && feature.CategorySample.Length > 0)
            {
                results[i] = (ColumnDriftTests.Categorical(feature.Name, feature.Kind, feature.CategorySample, labels), labels.Length);
            }
        });
        return [.. results.OfType<(ColumnDrift, int)>()];
    }

    /// <summary>The reference sample is stored sorted: sort only the window, once, for KS or Wasserstein.</summary>
    private static ColumnDrift Numeric(FeatureProfile feature, double[] values)
    {
        var reference = feature.NumericSample;
        var current = new double[values.Length];
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                current[count++] = v;
            }
        }
        Array.Resize(ref current, count);
        FastSort.Sort(current);
        // Only "more than 5?" matters for the choice: stop counting early on a million rows.
        var distinct = BinnedFrequencies.CountDistinct(reference, current, stopAfter: 6);
        var statistic = ColumnDriftTests.Choose(FeatureKind.Numeric, reference.Length, distinct);
        return statistic switch
        {
            DriftStatistic.KolmogorovSmirnov => ColumnDriftTests.Verdict(feature.Name, statistic, KolmogorovSmirnov.TwoSampleSorted(reference, current).PValue),
            DriftStatistic.Wasserstein => ColumnDriftTests.Verdict(feature.Name, statistic,
                Wasserstein.NormedSorted(reference, current, Wasserstein.StandardDeviation(reference))),
            _ => ColumnDriftTests.Numeric(feature.Name, reference, current, statistic),
        };
    }
}
