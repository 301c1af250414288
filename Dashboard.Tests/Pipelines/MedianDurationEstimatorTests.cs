using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class MedianDurationEstimatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static PipelineRun Run(long id, string workflow, int hoursAfterStart, int minutes, RunConclusion conclusion = RunConclusion.Success) =>
        new(id, workflow, id, "main", "abc1234def", "push", "mchen", "", "completed", conclusion, Start.AddHours(hoursAfterStart), Start.AddHours(hoursAfterStart), Start.AddHours(hoursAfterStart).AddMinutes(minutes), "");

    [Fact]
    public async Task Estimate_UsesOnlyEarlierSuccessfulRunsOfTheSameWorkflow()
    {
        PipelineRun[] history =
        [
            Run(1, "CI", 0, 6), Run(2, "CI", 1, 8), Run(3, "CI", 2, 40, RunConclusion.Failure), Run(4, "Security", 3, 30), Run(5, "CI", 4, 7),
            Run(6, "CI", 9, 100),
        ];

        var estimate = await new MedianDurationEstimator().EstimateAsync(Run(7, "CI", 5, 9), history, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(7), estimate!.Expected);
        Assert.Contains("median", estimate.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_EvenCount_AveragesTheMiddlePair()
    {
        var estimate = await new MedianDurationEstimator().EstimateAsync(Run(9, "CI", 10, 1), [Run(1, "CI", 0, 6), Run(2, "CI", 1, 9)], CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(7.5), estimate!.Expected);
    }

    [Fact]
    public async Task Estimate_NoEarlierRuns_IsNull()
    {
        Assert.Null(await new MedianDurationEstimator().EstimateAsync(Run(1, "CD", 0, 6), [Run(1, "CD", 0, 6)], CancellationToken.None));
    }
}
