using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Dashboard.Tests.Support;
using Octokit;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Importers;

/// <summary>Imports Actions history from a loopback fake of GitHub's REST API (Octokit adds /api/v3/ to a custom base URL).</summary>
public class GitHubActionsImporterTests
{
    private sealed record FakeRun(long Id, string Conclusion, string Event, int Minutes, int Files);

    private static readonly FakeRun[] Runs =
    [
        new(11, "success", "push", 5, 2),
        new(12, "failure", "pull_request", 7, 30),
        new(13, "cancelled", "push", 1, 1),
        new(14, "failure", "push", 6, 3),
        new(15, "success", "push", 4, 1),
    ];

    private static async Task<LoopbackServer> StartFake(int rateLimitedCalls, TimeSpan resetIn)
    {
        var remainingLimited = rateLimitedCalls;
        return await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v3/repos/acme/widgets", () => Results.Json(new { id = 1, name = "widgets", full_name = "acme/widgets", default_branch = "main", owner = new { login = "acme" } }));
            app.MapGet("/api/v3/repos/acme/widgets/actions/runs", (HttpContext http, int page, int per_page) =>
            {
                if (page == 2 && Interlocked.Decrement(ref remainingLimited) >= 0)
                {
                    http.Response.Headers["X-RateLimit-Limit"] = "60";
                    http.Response.Headers["X-RateLimit-Remaining"] = "0";
                    http.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.Add(resetIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    return Results.Json(new { message = "API rate limit exceeded for 127.0.0.1." }, statusCode: 403);
                }
                // Newest first, as GitHub lists them.
                var slice = Runs.Reverse().Skip((page - 1) * per_page).Take(per_page).Select(r => new
                {
                    id = r.Id, name = "ci", head_branch = r.Event == "pull_request" ? "feature" : "main", head_sha = $"sha{r.Id}", run_number = r.Id - 10,
                    @event = r.Event, status = "completed", conclusion = r.Conclusion,
                    created_at = Start(r).ToString("o"), updated_at = Start(r).AddMinutes(r.Minutes).ToString("o"), run_started_at = Start(r).ToString("o"),
                });
                return Results.Json(new { total_count = Runs.Length, workflow_runs = slice });
            });
            app.MapGet("/api/v3/repos/acme/widgets/commits/{sha}", (string sha) =>
            {
                var run = Runs.Single(r => $"sha{r.Id}" == sha);
                var files = Enumerable.Range(0, run.Files).Select(i => new
                {
                    filename = i == 0 ? "tests/WidgetTests.cs" : $"src/File{i}.cs", additions = 10, deletions = 2, changes = 12, status = "modified",
                });
                return Results.Json(new { sha, files });
            });
            app.MapGet("/api/v3/repos/acme/widgets/actions/runs/{id}/jobs", (long id) =>
            {
                var run = Runs.Single(r => r.Id == id);
                return Results.Json(new
                {
                    total_count = 1,
                    jobs = new[] { new { id = id * 10, run_id = id, name = "test", status = "completed", conclusion = run.Conclusion,
                        started_at = Start(run).ToString("o"), completed_at = Start(run).AddMinutes(run.Minutes).ToString("o") } },
                });
            });
        });
    }

    private static DateTimeOffset Start(FakeRun run) => new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero).AddHours(run.Id);

    private static GitHubActionsImporter Importer(LoopbackServer fake) =>
        new(new GitHubClient(new Octokit.ProductHeaderValue("mlops-dashboard-tests"), fake.Address), TimeProvider.System) { PageSize = 2 };

    [Fact]
    public async Task Import_PagedHistoryWithOneRateLimitAnswer_WaitsAndDescribesRunsInTimeOrder()
    {
        await using var fake = await StartFake(rateLimitedCalls: 1, TimeSpan.FromSeconds(1));

        var builds = await Importer(fake).ImportAsync("acme", "widgets", 100, null, CancellationToken.None);

        // The cancelled run is left out: it says nothing about failing or duration.
        Assert.Equal([11L, 12, 14, 15], builds.Select(b => b.Order));
        Assert.Equal([false, true, true, false], builds.Select(b => b.Failed));
        Assert.Equal([300.0, 420, 360, 240], builds.Select(b => b.DurationSeconds));
        Assert.Null(builds[0].Features.PreviousBuildFailed);
        Assert.True(builds[2].Features.PreviousBuildFailed);
        Assert.Equal(420, builds[2].Features.PreviousDurationSeconds);
        Assert.Equal(2, builds[3].Features.ConsecutiveFailures);
        Assert.Equal(1, builds[3].Features.PreviousTestErrors);
        Assert.Equal(30, builds[1].Features.FilesModified);
        Assert.Equal(1, builds[1].Features.TestFiles);
        Assert.True(builds[1].Features.IsPullRequest);
        Assert.False(builds[1].Features.IsMainBranch);
        Assert.Equal(2.0 / 3, builds[3].Features.FailureRatio, 6);
        // Only passed runs count for the normal build's length: the failed 420 s and 360 s runs do not.
        Assert.Equal([0.0, 300, 300, 300], builds.Select(b => b.Features.RecentPassedDurationSeconds));
    }

    [Fact]
    public async Task Import_RateLimitedForAnHour_FailsWithClearMessage()
    {
        await using var fake = await StartFake(rateLimitedCalls: 100, TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Importer(fake).ImportAsync("acme", "widgets", 100, null, CancellationToken.None));

        Assert.Contains("rate limit", error.Message);
    }
}
