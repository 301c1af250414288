using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class ColumnDriftTestsTests
{
    [Theory]
    [InlineData(FeatureKind.Numeric, 1000, 6, DriftStatistic.KolmogorovSmirnov)]
    [InlineData(FeatureKind.Numeric, 1000, 5, DriftStatistic.ChiSquare)]
    [InlineData(FeatureKind.Numeric, 1000, 2, DriftStatistic.ZTest)]
    [InlineData(FeatureKind.Numeric, 1001, 6, DriftStatistic.Wasserstein)]
    [InlineData(FeatureKind.Numeric, 1001, 5, DriftStatistic.JensenShannon)]
    [InlineData(FeatureKind.Categorical, 1000, 3, DriftStatistic.ChiSquare)]
    [InlineData(FeatureKind.Binary, 1000, 2, DriftStatistic.ZTest)]
    [InlineData(FeatureKind.Categorical, 1001, 3, DriftStatistic.JensenShannon)]
    [InlineData(FeatureKind.Binary, 5000, 2, DriftStatistic.JensenShannon)]
    public void Choose_ReferenceSizeKindAndDistinctValues_PicksEvidentlysDefault(FeatureKind kind, int rows, int distinct, DriftStatistic expected)
    {
        Assert.Equal(expected, ColumnDriftTests.Choose(kind, rows, distinct));
    }

    [Fact]
    public void Verdict_PValueBelowThreshold_Drifts_DistanceAtThreshold_Drifts()
    {
        Assert.True(ColumnDriftTests.Verdict("a", DriftStatistic.KolmogorovSmirnov, 0.049).Drifted);
        Assert.False(ColumnDriftTests.Verdict("a", DriftStatistic.KolmogorovSmirnov, 0.05).Drifted);
        Assert.True(ColumnDriftTests.Verdict("a", DriftStatistic.Wasserstein, 0.1).Drifted);
        Assert.False(ColumnDriftTests.Verdict("a", DriftStatistic.JensenShannon, 0.0999).Drifted);
    }

    [Fact]
    public void DatasetDrift_HalfOfColumnsDrifted_IsDrift_LessIsNot()
    {
        var drifted = ColumnDriftTests.Verdict("a", DriftStatistic.Wasserstein, 0.5);
        var stable = ColumnDriftTests.Verdict("b", DriftStatistic.Wasserstein, 0.01);

        Assert.True(ColumnDriftTests.DatasetDrift([drifted, stable]));
        Assert.False(ColumnDriftTests.DatasetDrift([drifted, stable, stable]));
        Assert.False(ColumnDriftTests.DatasetDrift([]));
    }

    [Fact]
    public void Numeric_SmallReferenceShiftedSample_UsesKsAndFlagsDrift()
    {
        var reference = ReferenceSamples.Sample(1, 500);
        var current = ReferenceSamples.Sample(2, 400, shift: 10);

        var drift = ColumnDriftTests.Numeric("x", reference, current);

        Assert.Equal(DriftStatistic.KolmogorovSmirnov, drift.Statistic);
        Assert.True(drift.Drifted);
        Assert.True(drift.Score < 1e-6);
    }

    [Fact]
    public void AlertScale_ThresholdOfEachTest_MapsToPointOne()
    {
        Assert.Equal(0.1, DriftMetrics.AlertScale(ColumnDriftTests.Verdict("a", DriftStatistic.KolmogorovSmirnov, 0.05)), 12);
        Assert.Equal(0.1, DriftMetrics.AlertScale(ColumnDriftTests.Verdict("a", DriftStatistic.Wasserstein, 0.1)), 12);
        Assert.Equal(0.25, DriftMetrics.AlertScale(ColumnDriftTests.Verdict("a", DriftStatistic.JensenShannon, 0.25)), 12);
        Assert.Equal(0, DriftMetrics.AlertScale(ColumnDriftTests.Verdict("a", DriftStatistic.ZTest, 1.0)));
        Assert.True(DriftMetrics.AlertScale(ColumnDriftTests.Verdict("a", DriftStatistic.ChiSquare, 1e-300)) > 1);
    }
}
