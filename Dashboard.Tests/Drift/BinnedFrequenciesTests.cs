using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class BinnedFrequenciesTests
{
    private static readonly double[] Reference = [.. Enumerable.Range(0, 1000).Select(i => i / 1000.0)];

    [Fact]
    public void NumericFromReference_ValuesBeyondTheReferenceRange_CountInTheOuterBins()
    {
        double[] current = [-3, -0.5, 0.5, 7, 7, 7];

        var shares = BinnedFrequencies.NumericFromReference(Reference, current);

        Assert.Equal(BinnedFrequencies.SturgesEdges(Reference, []).Length - 1, shares.Current.Length);
        Assert.Equal(1.0, shares.Current.Sum(), 12);
        Assert.Equal(2 / 6.0, shares.Current[0], 12);
        Assert.Equal(3 / 6.0, shares.Current[^1], 12);
        Assert.Equal(1.0, shares.Reference.Sum(), 12);
    }

    [Fact]
    public void NumericFromReference_BinsComeFromTheReferenceOnly()
    {
        var far = Enumerable.Repeat(100.0, 50).ToArray();
        var near = Enumerable.Repeat(0.5, 50).ToArray();

        var againstFar = BinnedFrequencies.NumericFromReference(Reference, far);
        var againstNear = BinnedFrequencies.NumericFromReference(Reference, near);

        Assert.Equal(againstNear.Reference, againstFar.Reference);
        Assert.True(DistributionDistances.PopulationStabilityIndex(againstFar) > 1, "everything beyond the reference's maximum is a large shift");
    }

    [Fact]
    public void Histogram_OpenEnded_NeverCountsNaN()
    {
        var counts = BinnedFrequencies.Histogram([double.NaN, 0.5, double.PositiveInfinity, double.NegativeInfinity], [0.0, 1.0, 2.0], openEnded: true);

        Assert.Equal([2L, 1L], counts);
    }

    [Fact]
    public void Histogram_Closed_LeavesOutValuesBeyondTheEdges()
    {
        var counts = BinnedFrequencies.Histogram([-1, 0, 1, 2, 3], [0.0, 1.0, 2.0]);

        Assert.Equal([1L, 2L], counts);
    }
}
