using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Training;

public sealed class PermutationImportanceTests
{
    /// <summary>Rows whose label is feature 0 above 0.5; feature 1 is noise; feature 2 is constant.</summary>
    private static (List<float[]> Rows, List<bool> Labels) Data()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 400).Select(_ => new[] { (float)random.NextDouble(), (float)random.NextDouble(), 1f }).ToList();
        return (rows, [.. rows.Select(r => r[0] > 0.5)]);
    }

    [Fact]
    public void Compute_ModelUsingOneFeature_RanksItFirstAndTheOthersAtZero()
    {
        var (rows, labels) = Data();
        // A "model" that scores by feature 0 alone: its AUC is 1 until feature 0 is shuffled.
        double Quality(IReadOnlyList<float[]> vectors) => QualityMetrics.RocAuc(labels, [.. vectors.Select(v => (double)v[0])]);

        var importance = PermutationImportance.Compute(rows, ["signal", "noise", "constant"], Quality);

        Assert.Equal("signal", importance[0].Feature);
        Assert.InRange(importance[0].Importance, 0.35, 0.6);
        Assert.Equal(0, importance.Single(f => f.Feature == "noise").Importance);
        Assert.Equal(0, importance.Single(f => f.Feature == "constant").Importance);
    }

    [Fact]
    public void Compute_ErrorMetric_ReportsTheIncreaseAsImportance()
    {
        var (rows, _) = Data();
        var targets = rows.Select(r => 100.0 * r[1]).ToList();
        // Minus the MAE of a model that predicts 100 x feature 1: shuffling feature 1 raises the error.
        double Quality(IReadOnlyList<float[]> vectors) => -QualityMetrics.MeanAbsoluteError(targets, [.. vectors.Select(v => 100.0 * v[1])]);

        var importance = PermutationImportance.Compute(rows, ["a", "b", "c"], Quality);

        Assert.Equal("b", importance[0].Feature);
        Assert.InRange(importance[0].Importance, 25, 40);
        Assert.Equal(0, importance.Single(f => f.Feature == "a").Importance);
    }

    [Fact]
    public void Compute_TooFewRowsOrUndefinedMetric_ReturnsNothing()
    {
        Assert.Empty(PermutationImportance.Compute([[1f]], ["a"], _ => 1));
        Assert.Empty(PermutationImportance.Compute([[1f], [2f]], ["a"], _ => double.NaN));
    }
}
