using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>Every statistic against scipy/numpy values stored in reference/expected.json, to 1e-9.</summary>
public sealed class StatisticsParityTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> NumericCases => ReferenceSamples.Names(ReferenceSamples.Numeric);

    public static TheoryData<string> CategoricalCases => ReferenceSamples.Names(ReferenceSamples.Categorical);

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void KolmogorovSmirnov_NumericCase_MatchesScipyKs2sampAuto(string name)
    {
        var c = ReferenceSamples.Case(ReferenceSamples.Numeric, name);
        var result = KolmogorovSmirnov.TwoSample(ReferenceSamples.Sample(c["reference"]!), ReferenceSamples.Sample(c["current"]!));

        Assert.Equal(c["ksStatistic"]!.GetValue<double>(), result.Statistic, Tolerance);
        Assert.Equal(c["ksPValue"]!.GetValue<double>(), result.PValue, Tolerance);
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Distances_NumericCase_MatchNumpyDefinitions(string name)
    {
        var c = ReferenceSamples.Case(ReferenceSamples.Numeric, name);
        var reference = ReferenceSamples.Sample(c["reference"]!);
        var current = ReferenceSamples.Sample(c["current"]!);
        var shares = BinnedFrequencies.Numeric(reference, current);

        Assert.Equal(c["wassersteinNormed"]!.GetValue<double>(), Wasserstein.Normed(reference, current), Tolerance);
        Assert.Equal(c["psi"]!.GetValue<double>(), DistributionDistances.PopulationStabilityIndex(BinnedFrequencies.NumericFromReference(reference, current)), Tolerance);
        Assert.Equal(c["jensenShannon"]!.GetValue<double>(), DistributionDistances.JensenShannon(shares), Tolerance);
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void CategoricalTests_Case_MatchScipy(string name)
    {
        var c = ReferenceSamples.Case(ReferenceSamples.Categorical, name);
        var reference = ReferenceSamples.Categories(c["reference"]!);
        var current = ReferenceSamples.Categories(c["current"]!);
        var shares = BinnedFrequencies.ValueCounts(reference, current);

        Assert.Equal(c["chiSquarePValue"]!.GetValue<double>(), ProportionTests.ChiSquarePValue(reference, current), Tolerance);
        Assert.Equal(c["psi"]!.GetValue<double>(), DistributionDistances.PopulationStabilityIndex(shares), Tolerance);
        Assert.Equal(c["jensenShannon"]!.GetValue<double>(), DistributionDistances.JensenShannon(shares), Tolerance);
        if (ReferenceSamples.Number(c, "zTestPValue") is { } z)
        {
            Assert.Equal(z, ProportionTests.ZTestPValue(reference, current), Tolerance);
        }
    }

    [Fact]
    public void KolmogorovDistribution_EveryBranch_MatchesScipyKstwoSf()
    {
        var failures = new List<string>();
        foreach (var point in ReferenceSamples.Kolmogorov)
        {
            var n = point!["n"]!.GetValue<int>();
            var x = point["x"]!.GetValue<double>();
            var expected = point["sf"]!.GetValue<double>();
            var actual = KolmogorovDistribution.Survival(n, x);
            if (!(Math.Abs(actual - expected) <= Tolerance))
            {
                failures.Add($"n={n} x={x}: scipy {expected:R}, ours {actual:R}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(72, ReferenceSamples.Kolmogorov.Count);
    }
}
