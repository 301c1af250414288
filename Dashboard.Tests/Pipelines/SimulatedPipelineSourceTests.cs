using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class SimulatedPipelineSourceTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly SimulatedCiScenarios _scenarios = new();

    private SimulatedPipelineSource Source() => new(_clock, _scenarios);

    [Fact]
    public async Task ListRuns_AWeekOfHistory_HasEveryWorkflowSomeFailuresAndTriageRuns()
    {
        var runs = await Source().ListRunsAsync(1000, CancellationToken.None);

        Assert.InRange(runs.Count, 60, 400);
        Assert.Equal(["CD", "CI", "CT", "Security", "Triage"], runs.Select(r => r.Workflow).Distinct().Order());
        Assert.Contains(runs, r => r.Conclusion == RunConclusion.Failure);
        Assert.True(runs.Count(r => r.Conclusion == RunConclusion.Success) > runs.Count / 2);
        Assert.Equal(runs.OrderByDescending(r => r.CreatedAt).Select(r => r.Id), runs.Select(r => r.Id));
        Assert.All(runs, r => Assert.True(r.CreatedAt <= _clock.GetUtcNow()));
        Assert.All(runs.Where(r => r.Workflow == "CT"), r => Assert.Equal(2, r.CreatedAt.UtcDateTime.Hour));
    }

    [Fact]
    public async Task EveryFailedRun_ClassifiesAsTheKindItWasGiven()
    {
        var source = Source();
        var reader = new RunFailureReader(source);
        var failed = (await source.ListRunsAsync(1000, CancellationToken.None)).Where(r => r.Conclusion == RunConclusion.Failure).Take(12).ToList();

        Assert.NotEmpty(failed);
        foreach (var run in failed)
        {
            var failures = await reader.ReadAsync(run.Id, await source.ListJobsAsync(run.Id, CancellationToken.None), CancellationToken.None);
            var failure = Assert.Single(failures);
            Assert.DoesNotContain('\u001b', failure.Log);
            Assert.NotEqual(FailureCategory.Unknown, failure.Classify().Category);
        }
    }

    [Theory]
    [InlineData(FailureCategory.TestFailure, "CI", "Test")]
    [InlineData(FailureCategory.Compile, "CI", "Build")]
    [InlineData(FailureCategory.Dependency, "CI", "Restore")]
    [InlineData(FailureCategory.SecurityFinding, "Security", "Trivy scan")]
    [InlineData(FailureCategory.ModelBelowThreshold, "CT", "Evaluate")]
    [InlineData(FailureCategory.ManifestError, "CD", "Update staging overlay")]
    public async Task FailNextRun_StartsARunThatFailsThatWayOnceItCompletes(FailureCategory kind, string workflow, string step)
    {
        var source = Source();
        await source.ListRunsAsync(1, CancellationToken.None);

        _scenarios.FailNextRun(kind);
        var run = (await source.ListRunsAsync(1, CancellationToken.None))[0];
        Assert.Equal((workflow, "in_progress"), (run.Workflow, run.Status is "queued" ? "in_progress" : run.Status));
        Assert.Null(_scenarios.Armed);

        _clock.Advance(TimeSpan.FromHours(1));
        var jobs = await source.ListJobsAsync(run.Id, CancellationToken.None);
        var completed = (await source.ListRunsAsync(1000, CancellationToken.None)).Single(r => r.Id == run.Id);
        var failure = Assert.Single(await new RunFailureReader(source).ReadAsync(run.Id, jobs, CancellationToken.None));

        Assert.Equal(RunConclusion.Failure, completed.Conclusion);
        Assert.Equal(step, failure.Step!.Name);
        Assert.Equal(kind, failure.Classify().Category);
        Assert.All(jobs.SkipWhile(j => j.Conclusion != RunConclusion.Failure).Skip(1), j => Assert.Equal(RunConclusion.Skipped, j.Conclusion));
    }

    [Fact]
    public async Task FailNextRun_WithoutStartingNow_TheNextPushedRunOfThatWorkflowFails()
    {
        var source = Source();
        await source.ListRunsAsync(1, CancellationToken.None);
        _scenarios.FailNextRun(FailureCategory.Compile, startNow: false);
        Assert.Equal(FailureCategory.Compile, _scenarios.Armed);

        _clock.Advance(TimeSpan.FromHours(6));
        var runs = await source.ListRunsAsync(1000, CancellationToken.None);

        var nextCi = runs.Where(r => r.Workflow == "CI" && r.CreatedAt > _clock.GetUtcNow().AddHours(-6)).MinBy(r => r.CreatedAt)!;
        Assert.Equal(RunConclusion.Failure, nextCi.Conclusion);
        Assert.Null(_scenarios.Armed);
    }

    [Fact]
    public void Clear_ArmedScenario_Disarms()
    {
        _scenarios.FailNextRun(FailureCategory.TestFailure, startNow: false);

        _scenarios.Clear();

        Assert.Null(_scenarios.Armed);
    }

    [Fact]
    public async Task StartRun_ProgressesFromInProgressToCompletedWithTheClock()
    {
        var source = Source();
        var id = source.StartRun("CI");
        _clock.Advance(TimeSpan.FromSeconds(30));

        var running = (await source.ListRunsAsync(1000, CancellationToken.None)).Single(r => r.Id == id);
        var jobs = await source.ListJobsAsync(id, CancellationToken.None);
        Assert.Equal(("in_progress", RunConclusion.None, (TimeSpan?)null), (running.Status, running.Conclusion, running.Duration));
        Assert.Contains(jobs[0].Steps, s => s.Status == "queued");

        _clock.Advance(TimeSpan.FromMinutes(30));
        var done = (await source.ListRunsAsync(1000, CancellationToken.None)).Single(r => r.Id == id);
        Assert.Equal(("completed", RunConclusion.Success), (done.Status, done.Conclusion));
        Assert.InRange(done.Duration!.Value.TotalMinutes, 5, 12);
    }

    [Fact]
    public async Task GetLogs_CompletedRun_HasOneFilePerStepAndOnePerJobLikeGitHub()
    {
        var source = Source();
        var run = (await source.ListRunsAsync(1000, CancellationToken.None)).First(r => r.Workflow == "CI" && r.Conclusion == RunConclusion.Success);

        var archive = await source.GetLogsAsync(run.Id, CancellationToken.None);

        Assert.Contains("0_build-test.txt", archive.Paths);
        Assert.Contains("build-test/5_Build.txt", archive.Paths);
        Assert.Contains("dotnet build", archive.StepLog("build-test", 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJobs_UnknownRun_SaysItDoesNotExist()
    {
        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => Source().ListJobsAsync(42, CancellationToken.None));

        Assert.Contains("42", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
