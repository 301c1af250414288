namespace MlOpsDashboard.Core.Drift.Statistics;

public enum FeatureKind
{
    Numeric,
    Categorical,
    Binary,
}

public enum DriftStatistic
{
    KolmogorovSmirnov,
    ChiSquare,
    ZTest,
    Wasserstein,
    JensenShannon,
    PopulationStabilityIndex,
}

/// <summary>One column's verdict: the statistic used, its score (a p-value or a distance), and the threshold.</summary>
public sealed record ColumnDrift(string Feature, DriftStatistic Statistic, double Score, double Threshold, bool Drifted)
{
    public bool IsPValue => ColumnDriftTests.IsPValue(Statistic);
}

/// <summary>
/// Evidently's default choice of test per column and its thresholds. Reference of at most 1,000
/// rows: KS for numeric columns with more than 5 distinct values, otherwise chi-square (more than 2
/// values) or the Z-test, drifted at p &lt; 0.05. Larger references: normed Wasserstein for numeric
/// columns with more than 5 values, otherwise Jensen–Shannon, drifted at a distance ≥ 0.1.
/// </summary>
public static class ColumnDriftTests
{
    public const int SmallReferenceRows = 1000;
    public const double PValueThreshold = 0.05;
    public const double DistanceThreshold = 0.1;
    public const double DatasetDriftShare = 0.5;

    public static bool IsPValue(DriftStatistic statistic) =>
        statistic is DriftStatistic.KolmogorovSmirnov or DriftStatistic.ChiSquare or DriftStatistic.ZTest;

    public static double DefaultThreshold(DriftStatistic statistic) => IsPValue(statistic) ? PValueThreshold : DistanceThreshold;

    public static DriftStatistic Choose(FeatureKind kind, int referenceRows, int distinctValues) =>
        (kind, referenceRows <= SmallReferenceRows) switch
        {
            (FeatureKind.Numeric, true) => distinctValues > 5 ? DriftStatistic.KolmogorovSmirnov : distinctValues > 2 ? DriftStatistic.ChiSquare : DriftStatistic.ZTest,
            (FeatureKind.Numeric, false) => distinctValues > 5 ? DriftStatistic.Wasserstein : DriftStatistic.JensenShannon,
            (_, true) => distinctValues > 2 ? DriftStatistic.ChiSquare : DriftStatistic.ZTest,
            _ => DriftStatistic.JensenShannon,
        };

    public static ColumnDrift Numeric(string feature, double[] reference, double[] current)
    {
        var distinct = BinnedFrequencies.CountDistinct(reference, current, stopAfter: 6);
        var statistic = Choose(FeatureKind.Numeric, reference.Length, distinct);
        return Numeric(feature, reference, current, statistic);
    }

    public static ColumnDrift Numeric(string feature, double[] reference, double[] current, DriftStatistic statistic)
    {
        var score = statistic switch
        {
            DriftStatistic.KolmogorovSmirnov => KolmogorovSmirnov.TwoSample(reference, current).PValue,
            DriftStatistic.Wasserstein => Wasserstein.Normed(reference, current),
            DriftStatistic.JensenShannon => DistributionDistances.JensenShannon(BinnedFrequencies.Numeric(reference, current)),
            DriftStatistic.PopulationStabilityIndex => DistributionDistances.PopulationStabilityIndex(BinnedFrequencies.NumericFromReference(reference, current)),
            DriftStatistic.ChiSquare => ProportionTests.ChiSquarePValue(reference, current),
            DriftStatistic.ZTest => ProportionTests.ZTestPValue(reference, current),
            _ => throw new ArgumentOutOfRangeException(nameof(statistic)),
        };
        return Verdict(feature, statistic, score);
    }

    public static ColumnDrift Categorical(string feature, FeatureKind kind, string[] reference, string[] current)
    {
        var distinct = reference.Concat(current).Distinct(StringComparer.Ordinal).Count();
        var statistic = Choose(kind, reference.Length, distinct);
        var score = statistic switch
        {
            DriftStatistic.ChiSquare => ProportionTests.ChiSquarePValue(reference, current),
            DriftStatistic.ZTest => ProportionTests.ZTestPValue(reference, current),
            _ => DistributionDistances.JensenShannon(BinnedFrequencies.ValueCounts(reference, current)),
        };
        return Verdict(feature, statistic, score);
    }

    public static ColumnDrift Verdict(string feature, DriftStatistic statistic, double score)
    {
        var threshold = DefaultThreshold(statistic);
        var drifted = IsPValue(statistic) ? score < threshold : score >= threshold;
        return new(feature, statistic, score, threshold, drifted);
    }

    /// <summary>Evidently's dataset drift: at least half of the columns drifted.</summary>
    public static bool DatasetDrift(IReadOnlyCollection<ColumnDrift> columns) =>
        columns.Count > 0 && (double)columns.Count(c => c.Drifted) / columns.Count >= DatasetDriftShare;
}
