using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Training;

public class QualityMetricsTests
{
    [Fact]
    public void Apfd_FailuresFirstOrLast_MatchesFormula()
    {
        // n = 4, m = 1: first position gives 1 - 1/4 + 1/8; last gives 1 - 4/4 + 1/8.
        Assert.Equal(0.875, QualityMetrics.Apfd([true, false, false, false]), 6);
        Assert.Equal(0.125, QualityMetrics.Apfd([false, false, false, true]), 6);
        Assert.True(double.IsNaN(QualityMetrics.Apfd([false, false])));
    }

    [Fact]
    public void ApfdCost_CheapFailingTestFirst_ScoresHigherThanLast()
    {
        var first = QualityMetrics.ApfdCost([true, false], [1, 9]);
        var last = QualityMetrics.ApfdCost([false, true], [9, 1]);

        Assert.Equal(0.95, first, 6);
        Assert.Equal(0.05, last, 6);
        Assert.Equal(0.1, QualityMetrics.TimeShareToCatchAll([true, false], [1, 9]), 6);
    }

    [Fact]
    public void RocAuc_PerfectInvertedAndTied_AreOneZeroAndHalf()
    {
        bool[] actual = [false, false, true, true];

        Assert.Equal(1, QualityMetrics.RocAuc(actual, [0.1, 0.2, 0.8, 0.9]), 6);
        Assert.Equal(0, QualityMetrics.RocAuc(actual, [0.9, 0.8, 0.2, 0.1]), 6);
        Assert.Equal(0.5, QualityMetrics.RocAuc(actual, [0.5, 0.5, 0.5, 0.5]), 6);
    }

    [Fact]
    public void F1_MixedPredictions_IsHarmonicMeanOfPrecisionAndRecall()
    {
        // tp = 1, fp = 1, fn = 1 → precision 0.5, recall 0.5.
        Assert.Equal(0.5, QualityMetrics.F1([true, false, true, false], [true, true, false, false]), 6);
        Assert.Equal(0, QualityMetrics.F1([true], [false]));
    }
}
