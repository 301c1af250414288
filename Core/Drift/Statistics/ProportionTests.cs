namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>The p-value tests Evidently picks for categorical and binary columns of small references.</summary>
public static class ProportionTests
{
    /// <summary>
    /// Pearson's chi-square of the current category counts against the reference's shares scaled to
    /// the current size (Evidently's <c>chisquare</c>): scipy's <c>chisquare(f_obs, f_exp)</c> p-value.
    /// </summary>
    public static double ChiSquarePValue<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current) where T : notnull
    {
        var referenceCounts = reference.CountBy(v => v).ToDictionary();
        var currentCounts = current.CountBy(v => v).ToDictionary();
        var keys = referenceCounts.Keys.Union(currentCounts.Keys).ToList();
        var scale = (double)current.Count / reference.Count;
        var statistic = 0.0;
        foreach (var key in keys)
        {
            var expected = referenceCounts.GetValueOrDefault(key) * scale;
            double observed = currentCounts.GetValueOrDefault(key);
            statistic += (observed - expected) * (observed - expected) / expected;
        }
        return SpecialFunctions.ChiSquareSurvival(statistic, keys.Count - 1);
    }

    /// <summary>
    /// Two-proportion Z-test (Evidently's <c>z</c>): the share of the first category in sorted order,
    /// pooled variance, two-sided p = 2·(1 − Φ(|z|)); 1 when both samples hold the same single value.
    /// </summary>
    public static double ZTestPValue<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current) where T : notnull
    {
        var referenceValues = reference.Distinct().ToList();
        var currentValues = current.Distinct().ToList();
        if (referenceValues.Count == 1 && currentValues.Count == 1 && Equals(referenceValues[0], currentValues[0]))
        {
            return 1;
        }
        var first = referenceValues.Union(currentValues).Order(typeof(T) == typeof(string) ? (IComparer<T>)StringComparer.Ordinal : Comparer<T>.Default).First();
        double n1 = reference.Count, n2 = current.Count;
        var p1 = reference.Count(v => !Equals(v, first)) / n1;
        var p2 = current.Count(v => !Equals(v, first)) / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return 2 * (1 - SpecialFunctions.NormalCdf(Math.Abs(z)));
    }
}
