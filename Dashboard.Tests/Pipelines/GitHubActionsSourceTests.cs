using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.GitHub;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class GitHubActionsSourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly List<TimeSpan> _waits = [];
    private FakeGitHubActions _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubActions.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private GitHubActionsSource Source(int maxWaitSeconds = 30, int pageSize = 2) => new(
        new GitHubOptions { Repository = FakeGitHubActions.Repository, Token = "ghp_test", ApiUrl = _github.ApiUrl.ToString(), MaxRetryWaitSeconds = maxWaitSeconds },
        (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        },
        pageSize);

    private void AddRuns(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _github.Runs.Add(FakeGitHubActions.Run(1000 + i, i % 2 == 0 ? "CI" : "Security", "main", i == 1 ? "failure" : "success", Start.AddHours(-i), TimeSpan.FromMinutes(7 + i)));
        }
    }

    [Fact]
    public async Task ListRuns_ThreePagesOfRuns_ReadsEveryPageAndMapsFields()
    {
        AddRuns(5);

        var runs = await Source().ListRunsAsync(100, CancellationToken.None);

        Assert.Equal([1000L, 1001, 1002, 1003, 1004], runs.Select(r => r.Id));
        Assert.Equal(3, _github.Requests.Count(r => r.Contains("/actions/runs?", StringComparison.Ordinal)));
        Assert.Contains(_github.Requests, r => r.Contains("page=3", StringComparison.Ordinal) && r.Contains("per_page=2", StringComparison.Ordinal));
        var failed = runs[1];
        Assert.Equal(("Security", "main", RunConclusion.Failure, "mchen"), (failed.Workflow, failed.Branch, failed.Conclusion, failed.Actor));
        Assert.Equal(TimeSpan.FromMinutes(8), failed.Duration);
        Assert.Equal("3f2c9d1", failed.ShortSha);
    }

    [Fact]
    public async Task ListRuns_LimitBelowHistory_StopsAfterThePagesItNeeds()
    {
        AddRuns(9);

        var runs = await Source().ListRunsAsync(3, CancellationToken.None);

        Assert.Equal(3, runs.Count);
        Assert.Equal(2, _github.Requests.Count(r => r.Contains("/actions/runs?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListJobs_FailedRun_MapsStepsWithDurationsAndTheFailingStep()
    {
        _github.Jobs[1001] =
        [
            FakeGitHubActions.Job(501, 1001, "build-test", "failure", Start, ("Set up job", "success", 3), ("Build", "success", 90), ("Test", "failure", 240), ("Format check", "skipped", 0)),
            FakeGitHubActions.Job(502, 1001, "lint", "success", Start, ("Set up job", "success", 2)),
            FakeGitHubActions.Job(503, 1001, "package", "skipped", Start),
        ];

        var jobs = await Source().ListJobsAsync(1001, CancellationToken.None);

        Assert.Equal(["build-test", "lint", "package"], jobs.Select(j => j.Name));
        var build = jobs[0];
        Assert.Equal(RunConclusion.Failure, build.Conclusion);
        Assert.Equal(("Test", 3, TimeSpan.FromSeconds(240)), (build.FailingStep!.Name, build.FailingStep.Number, build.FailingStep.Duration!.Value));
        Assert.Equal(TimeSpan.FromSeconds(333), build.Duration);
        Assert.Equal(RunConclusion.Skipped, jobs[2].Conclusion);
        Assert.Contains(_github.Requests, r => r.Contains("/runs/1001/jobs?", StringComparison.Ordinal) && r.Contains("page=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetLogs_RedirectToZipArchive_FollowsItAndFindsTheFailingStepLog()
    {
        _github.LogArchives[1001] = RunLogArchive.CreateZip(
        [
            ("0_build-test.txt", "whole job\n"),
            ("build-test/1_Set up job.txt", "2026-11-23T09:00:01.0000000Z Runner version 2.330.0\n"),
            ("build-test/3_Test.txt", "2026-11-23T09:01:34.0000000Z \u001b[31;1m  Failed Tests.PromotionTests.Promote_StaleBase_Retries [1 s]\u001b[0m\n"),
        ]);
        var job = new PipelineJob(501, 1001, "build-test", "completed", RunConclusion.Failure, Start, Start.AddMinutes(5),
            [new PipelineStep(3, "Test", "completed", RunConclusion.Failure, Start, Start.AddMinutes(4))], "");

        var archive = await Source().GetLogsAsync(1001, CancellationToken.None);

        Assert.Equal(3, archive.Paths.Count);
        Assert.Contains("Promote_StaleBase_Retries", archive.FailingLog(job), StringComparison.Ordinal);
        Assert.Contains(_github.Requests, r => r.StartsWith("/blobs/logs-1001.zip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListRuns_429WithRetryAfter_WaitsAsAskedThenRetries()
    {
        AddRuns(1);
        _github.RefuseNext(429, "Too many requests", ("Retry-After", "7"));

        var runs = await Source().ListRunsAsync(10, CancellationToken.None);

        Assert.Single(runs);
        Assert.Equal([TimeSpan.FromSeconds(7)], _waits);
        Assert.Equal(2, _github.Requests.Count);
    }

    [Fact]
    public async Task ListJobs_403PrimaryRateLimit_WaitsUntilTheResetThenRetries()
    {
        _github.Jobs[1001] = [FakeGitHubActions.Job(501, 1001, "build-test", "success", Start, ("Build", "success", 90))];
        var reset = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _github.RefuseNext(403, "API rate limit exceeded for user ID 1.", ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset));

        var jobs = await Source().ListJobsAsync(1001, CancellationToken.None);

        Assert.Single(jobs);
        var wait = Assert.Single(_waits);
        Assert.InRange(wait.TotalSeconds, 15, 21);
    }

    [Fact]
    public async Task ListRuns_403SecondaryLimitWithRetryAfter_WaitsAndRetries()
    {
        AddRuns(1);
        _github.RefuseNext(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", ("Retry-After", "3"));

        await Source().ListRunsAsync(10, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], _waits);
    }

    [Fact]
    public async Task ListRuns_RetryAfterLongerThanTheMaximum_ReportsTheLimitWithoutWaiting()
    {
        AddRuns(1);
        _github.RefuseNext(429, "Too many requests", ("Retry-After", "600"));

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => Source(maxWaitSeconds: 30).ListRunsAsync(10, CancellationToken.None));

        Assert.Contains("rate limit", error.Message, StringComparison.Ordinal);
        Assert.Contains("600 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task ListRuns_RateLimitedOnEveryAttempt_GivesUpAfterThreeAttempts()
    {
        AddRuns(1);
        for (var i = 0; i < 3; i++)
        {
            _github.RefuseNext(429, "Too many requests", ("Retry-After", "1"));
        }

        await Assert.ThrowsAsync<PipelineSourceException>(() => Source().ListRunsAsync(10, CancellationToken.None));

        Assert.Equal(2, _waits.Count);
        Assert.Equal(3, _github.Requests.Count);
    }

    [Fact]
    public async Task ListRuns_403WithoutLimitHeaders_ReportsMissingPermissionWithoutRetrying()
    {
        AddRuns(1);
        _github.RefuseNext(403, "Resource not accessible by personal access token");

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => Source().ListRunsAsync(10, CancellationToken.None));

        Assert.Contains("actions:read", error.Message, StringComparison.Ordinal);
        Assert.Empty(_waits);
        Assert.Single(_github.Requests);
    }
}
