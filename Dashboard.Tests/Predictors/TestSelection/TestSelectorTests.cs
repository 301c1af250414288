using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.TestSelection;

public class TestSelectorTests
{
    private static readonly TestCaseFeatures[] Tests =
    [
        new() { Name = "slow-risky", DurationSeconds = 60 },
        new() { Name = "fast-safe", DurationSeconds = 5 },
        new() { Name = "fast-risky", DurationSeconds = 10 },
        new() { Name = "medium", DurationSeconds = 30 },
    ];

    private static readonly double[] Probabilities = [0.6, 0.05, 0.6, 0.2];
    private static readonly ModelVersionId Model = new(PredictorKind.TestSelection, 2);

    [Fact]
    public void Select_NoCriterion_RanksByProbabilityThenShortestAndSelectsAll()
    {
        var result = TestSelector.Select(new TestSelectionRequest(Tests), Probabilities, Model);

        Assert.Equal(["fast-risky", "slow-risky", "medium", "fast-safe"], result.Ranked.Select(r => r.Name));
        Assert.Equal([1, 2, 3, 4], result.Ranked.Select(r => r.Rank));
        Assert.Equal(4, result.SelectedCount);
        Assert.Equal(1, result.ExpectedShareOfFailuresCaught, 6);
        Assert.Equal(Model, result.Model);
    }

    [Fact]
    public void Select_Threshold_KeepsTestsAtOrAboveIt()
    {
        var result = TestSelector.Select(new TestSelectionRequest(Tests, ProbabilityThreshold: 0.2), Probabilities, Model);

        Assert.Equal(["fast-risky", "slow-risky", "medium"], result.Ranked.Where(r => r.Selected).Select(r => r.Name));
        Assert.Equal(100, result.SelectedDurationSeconds);
        Assert.Equal(1.4 / 1.45, result.ExpectedShareOfFailuresCaught, 6);
    }

    [Fact]
    public void Select_TimeBudget_FillsItInRankOrderSkippingTestsThatDoNotFit()
    {
        var result = TestSelector.Select(new TestSelectionRequest(Tests, TimeBudgetSeconds: 45), Probabilities, Model);

        Assert.Equal(["fast-risky", "medium", "fast-safe"], result.Ranked.Where(r => r.Selected).Select(r => r.Name));
        Assert.Equal(45, result.SelectedDurationSeconds);
        Assert.Equal(105, result.TotalDurationSeconds);
    }

    [Fact]
    public void Select_ThresholdOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestSelector.Select(new TestSelectionRequest(Tests, ProbabilityThreshold: 1.5), Probabilities, Model));
    }
}
