using System.Globalization;
using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Training;

public partial class TestSelectionEvaluationTests
{
    [Fact]
    public void Run_OnlineRefits_TrainOnlyOnCyclesBeforeTheOneTheyOrder()
    {
        var runs = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath).Where(r => r.Cycle <= 100).ToList();
        var messages = new List<string>();

        var (report, _) = TestSelectionEvaluation.Run(runs, new TestSelectionTrainingOptions { Trees = 10, RetrainAfterRuns = 150 }, new CollectingProgress(messages));

        var refits = messages.Select(m => RefitMessage().Match(m)).Where(m => m.Success).ToList();
        Assert.NotEmpty(refits);
        foreach (var refit in refits)
        {
            var cycle = long.Parse(refit.Groups["cycle"].Value, CultureInfo.InvariantCulture);
            // Everything earlier (the training part and the test cycles already run), nothing of this cycle or later.
            Assert.Equal(runs.Count(r => r.Cycle < cycle), int.Parse(refit.Groups["runs"].Value, CultureInfo.InvariantCulture));
        }
        var figures = Assert.Single(report.Projects);
        Assert.True(figures.Model.Apfd > figures.Random.Apfd, $"APFD {figures.Model.Apfd} vs random {figures.Random.Apfd}");
    }

    [Fact]
    public void Run_RefitsOffAndEarlierStart_ScoresMoreCyclesWithoutRefitting()
    {
        var runs = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath).Where(r => r.Cycle <= 100).ToList();
        var messages = new List<string>();

        var (report, _) = TestSelectionEvaluation.Run(runs, new TestSelectionTrainingOptions { Trees = 10, RetrainAfterRuns = 0, TrainCycleShare = 0.5 }, new CollectingProgress(messages));

        Assert.DoesNotContain(messages, m => RefitMessage().IsMatch(m));
        var figures = Assert.Single(report.Projects);
        Assert.Equal(50, figures.TestCycles);
        Assert.Equal(runs.Where(r => r.Cycle > 50).GroupBy(r => r.Cycle).Count(g => g.Any(r => r.Failed)), figures.CyclesWithFailures);
    }

    [Fact]
    public void Run_ValidationRange_ScoresOnlyCyclesBeforeTheEndShareAndReportsEachCycle()
    {
        var runs = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath).Where(r => r.Cycle <= 100).ToList();

        var (report, _) = TestSelectionEvaluation.Run(runs, new TestSelectionTrainingOptions { Trees = 10, RetrainAfterRuns = 0, TrainCycleShare = 0.5, EvaluateUntilCycleShare = 0.75 });

        var figures = Assert.Single(report.Projects);
        Assert.Equal(50, figures.TrainCycles);
        Assert.Equal(25, figures.TestCycles);
        var expected = runs.Where(r => r.Cycle is > 50 and <= 75).GroupBy(r => r.Cycle).Where(g => g.Any(r => r.Failed)).ToList();
        Assert.Equal(expected.Select(g => g.Key), figures.Cycles.Select(c => c.Cycle));
        Assert.Equal(expected.Select(g => g.Count(r => r.Failed)), figures.Cycles.Select(c => c.Failures));
        Assert.All(figures.Cycles, c => Assert.InRange(c.Model, 0, c.Perfect + 1e-12));
        Assert.Equal(figures.Model.Apfd, figures.Cycles.Average(c => c.Model), 9);
    }

    [GeneratedRegex(@"refitted on (?<runs>\d+) runs before cycle (?<cycle>\d+)")]
    private static partial Regex RefitMessage();

    private sealed class CollectingProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
