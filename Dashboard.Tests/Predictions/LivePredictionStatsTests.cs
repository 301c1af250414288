using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Dashboard.Components.Pages.Predictions;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

public sealed class LivePredictionStatsTests
{
    [Fact]
    public void Percentile_NearestRank_PicksTheRankedValue()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(5, LivePredictionStats.Percentile(sorted, 0.50));
        Assert.Equal(10, LivePredictionStats.Percentile(sorted, 0.95));
        Assert.Equal(1, LivePredictionStats.Percentile([1], 0.99));
        Assert.Null(LivePredictionStats.Percentile([], 0.5));
    }

    [Fact]
    public void Bin_SpreadValues_EveryValueInExactlyOneBinAndMaxInLast()
    {
        var bins = LivePredictionStats.Bin([0, 1, 2, 3, 10, 10]);

        Assert.Equal(LivePredictionStats.HistogramBins, bins.Count);
        Assert.Equal(6, bins.Sum(b => b.Count));
        Assert.Equal(2, bins[^1].Count);
        Assert.Equal(0, bins[0].From);
        Assert.Equal(10, bins[^1].To, 9);
    }

    [Fact]
    public void Bin_AllEqual_OneBin()
    {
        var bin = Assert.Single(LivePredictionStats.Bin([0.5, 0.5, 0.5]));

        Assert.Equal(3, bin.Count);
    }

    [Fact]
    public void Compute_OldAndRecentPredictions_ThroughputCountsOnlyTheRateWindow()
    {
        var now = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 30)
            .Select(i => LivePredictionsPageTests.Build(i) with { Timestamp = now.AddSeconds(-i) })
            .ToList();

        var stats = LivePredictionStats.Compute(records, now);

        Assert.Equal(1.0, stats.RequestsPerSecond);
        Assert.Equal(60, stats.Throughput.Count);
        Assert.Equal(30, stats.Throughput.Sum(p => p.Count));
        Assert.Equal(now, stats.Throughput[^1].Second);
    }

    [Fact]
    public void KeyInputs_TestSelection_CountsTests()
    {
        var record = LivePredictionsPageTests.Build(1, PredictorKind.TestSelection) with { Features = [new float[10], new float[10]] };

        Assert.Equal("2 tests", PredictionText.KeyInputs(record));
    }
}
