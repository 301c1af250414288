using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>
/// A loopback fake of GitHub's Actions REST API, served under /api/v3/ as GitHub Enterprise does
/// (Octokit with a custom base address asks there): runs and jobs with page/per_page paging and
/// Link headers, the log archive as a redirect to a zip, and scripted rate-limit answers.
/// </summary>
public sealed class FakeGitHubActions : IAsyncDisposable
{
    public const string Repository = "octo-org/mlops-platform";
    private const string Prefix = "/api/v3/repos/octo-org/mlops-platform/actions";

    private readonly ConcurrentQueue<(int Status, Dictionary<string, string> Headers, string Message)> _refusals = new();
    private LoopbackServer _server = null!;

    public List<object> Runs { get; } = [];
    public Dictionary<long, List<object>> Jobs { get; } = [];
    public Dictionary<long, byte[]> LogArchives { get; } = [];
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri ApiUrl => _server.Address;

    public static async Task<FakeGitHubActions> StartAsync()
    {
        var fake = new FakeGitHubActions();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                fake.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
                if (fake._refusals.TryDequeue(out var refusal))
                {
                    context.Response.StatusCode = refusal.Status;
                    foreach (var (name, value) in refusal.Headers)
                    {
                        context.Response.Headers[name] = value;
                    }
                    await context.Response.WriteAsJsonAsync(new { message = refusal.Message, documentation_url = "https://docs.github.com/rest" });
                    return;
                }
                await next();
            });
            app.MapGet(Prefix + "/runs", (HttpContext context) => Page(context, fake.Runs, "workflow_runs"));
            app.MapGet(Prefix + "/runs/{id:long}/jobs", (HttpContext context, long id) => Page(context, fake.Jobs.GetValueOrDefault(id) ?? [], "jobs"));
            // GitHub answers 302 with an absolute, short-lived address of the zip.
            app.MapGet(Prefix + "/runs/{id:long}/logs", (HttpContext context, long id) =>
                fake.LogArchives.ContainsKey(id) ? Results.Redirect($"{context.Request.Scheme}://{context.Request.Host}/blobs/logs-{id}.zip") : Results.NotFound(new { message = "Not Found" }));
            app.MapGet("/blobs/logs-{id:long}.zip", (long id) => Results.File(fake.LogArchives[id], "application/zip"));
        });
        return fake;
    }

    /// <summary>The next request is refused with this status, headers and message (then the API answers normally).</summary>
    public void RefuseNext(int status, string message, params (string Name, string Value)[] headers) =>
        _refusals.Enqueue((status, headers.ToDictionary(h => h.Name, h => h.Value), message));

    public static object Run(long id, string workflow, string branch, string conclusion, DateTimeOffset createdAt, TimeSpan duration, string actor = "mchen") => new Dictionary<string, object?>
    {
        ["id"] = id,
        ["name"] = workflow,
        ["head_branch"] = branch,
        ["head_sha"] = "3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
        ["path"] = $".github/workflows/{workflow.ToLowerInvariant()}.yml",
        ["run_number"] = id % 1000,
        ["event"] = "push",
        ["display_title"] = $"{workflow} on {branch}",
        ["status"] = "completed",
        ["conclusion"] = conclusion,
        ["workflow_id"] = 77,
        ["html_url"] = $"https://github.com/{Repository}/actions/runs/{id}",
        ["created_at"] = createdAt,
        ["updated_at"] = createdAt + duration,
        ["run_started_at"] = createdAt,
        ["run_attempt"] = 1,
        ["actor"] = new { login = actor, id = 1 },
    };

    public static object Job(long id, long runId, string name, string conclusion, DateTimeOffset startedAt, params (string Name, string Conclusion, int Seconds)[] steps)
    {
        var at = startedAt;
        var stepObjects = new List<object>();
        for (var i = 0; i < steps.Length; i++)
        {
            var end = at.AddSeconds(steps[i].Seconds);
            stepObjects.Add(new { name = steps[i].Name, number = i + 1, status = "completed", conclusion = steps[i].Conclusion, started_at = at, completed_at = end });
            at = end;
        }
        return new Dictionary<string, object?>
        {
            ["id"] = id,
            ["run_id"] = runId,
            ["name"] = name,
            ["status"] = "completed",
            ["conclusion"] = conclusion,
            ["head_sha"] = "3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e",
            ["started_at"] = startedAt,
            ["completed_at"] = at,
            ["html_url"] = $"https://github.com/{Repository}/actions/runs/{runId}/job/{id}",
            ["steps"] = stepObjects,
            ["labels"] = new[] { "ubuntu-24.04" },
        };
    }

    private static IResult Page(HttpContext context, List<object> items, string property)
    {
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var perPage = int.TryParse(context.Request.Query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : 30;
        var slice = items.Skip((page - 1) * perPage).Take(perPage).ToList();
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        if (page < last)
        {
            var path = context.Request.Scheme + "://" + context.Request.Host + context.Request.Path;
            context.Response.Headers["Link"] = $"<{path}?page={page + 1}&per_page={perPage}>; rel=\"next\", <{path}?page={last}&per_page={perPage}>; rel=\"last\"";
        }
        return Results.Json(new Dictionary<string, object> { ["total_count"] = items.Count, [property] = slice });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
