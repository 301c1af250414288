using MlOpsDashboard.Core.Predictors.Importers;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Importers;

public class TestVerdictImporterTests
{
    private const string Csv = """
        Id;Name;Duration;CalcPrio;LastRun;LastResults;Verdict;Cycle
        1;alpha;10;0;2015-02-13 16:13:00;[];1;1
        2;beta;20;0;2015-02-13 16:13:00;[];0;1
        3;alpha;12;0;2015-02-14 16:13:00;[1];1;2
        4;alpha;11;0;2015-02-16 16:13:00;[1, 1, 0, 0, 1];0;4
        5;beta;21;0;2015-02-16 16:13:00;[0];0;4
        """;

    [Fact]
    public void Read_RetecsCsv_DescribesEachRunFromItsEarlierVerdicts()
    {
        var runs = TestVerdictImporter.Read(new StringReader(Csv), "demo", "demo.csv");

        Assert.Equal([1L, 1, 2, 4, 4], runs.Select(r => r.Cycle));
        var alphaCycle4 = runs.Single(r => r.Features.Name == "alpha" && r.Cycle == 4);
        Assert.False(alphaCycle4.Failed);
        Assert.Equal(5, alphaCycle4.Features.PreviousRuns);
        Assert.Equal(3, alphaCycle4.Features.PreviousFailures);
        Assert.True(alphaCycle4.Features.LastRunFailed);
        Assert.Equal(2, alphaCycle4.Features.ConsecutiveFailures);
        Assert.Equal(0.6, alphaCycle4.Features.RecentFailureRatio, 6);
        // Known before the run: the previous run's duration (12), not this run's (11).
        Assert.Equal(12, alphaCycle4.Features.DurationSeconds);
        Assert.Equal(1, alphaCycle4.Features.CyclesSinceLastRun);
        var first = runs[0];
        Assert.Null(first.Features.LastRunFailed);
        Assert.Equal(0, first.Features.PreviousRuns);
    }

    [Fact]
    public void Read_BadVerdict_ReportsLine()
    {
        var bad = Csv.Replace("2;beta;20;0;2015-02-13 16:13:00;[];0;1", "2;beta;20;0;2015-02-13 16:13:00;[];7;1", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => TestVerdictImporter.Read(new StringReader(bad), "demo", "demo.csv"));

        Assert.Contains("demo.csv:3", error.Message);
    }

    [Fact]
    public void ReadFile_Iofrol_ReadsEveryVerdict()
    {
        var runs = TestVerdictImporter.ReadFile(PredictorTestData.IofrolPath);

        Assert.Equal(32_260, runs.Count);
        Assert.Equal(0.288, runs.Count(r => r.Failed) / (double)runs.Count, 3);
        Assert.Equal(320, runs.Select(r => r.Cycle).Distinct().Count());
    }
}
