namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>PSI and Jensen–Shannon distance over binned shares (see <see cref="BinnedFrequencies"/> for whose bins).</summary>
public static class DistributionDistances
{
    /// <summary>Σ (ref − cur)·ln(ref / cur) after Evidently's zero filling.</summary>
    public static double PopulationStabilityIndex(BinnedShares shares)
    {
        var reference = BinnedFrequencies.FillZeroes(shares.Reference);
        var current = BinnedFrequencies.FillZeroes(shares.Current);
        var sum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            sum += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }
        return sum;
    }

    /// <summary>scipy's <c>spatial.distance.jensenshannon</c> (natural log): √(½·KL(p‖m) + ½·KL(q‖m)).</summary>
    public static double JensenShannon(BinnedShares shares)
    {
        var p = Normalize(shares.Reference);
        var q = Normalize(shares.Current);
        double left = 0, right = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2.0;
            left += RelativeEntropy(p[i], m);
            right += RelativeEntropy(q[i], m);
        }
        return Math.Sqrt((left + right) / 2.0);
    }

    private static double RelativeEntropy(double x, double y) => x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;

    private static double[] Normalize(double[] values)
    {
        var sum = values.Sum();
        return [.. values.Select(v => v / sum)];
    }
}
