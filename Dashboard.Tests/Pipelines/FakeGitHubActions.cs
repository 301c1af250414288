using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>
/// A loopback fake of GitHub's Actions REST API, served under /api/v3/ as GitHub Enterprise does
/// (Octokit with a custom base address asks there): runs and jobs with page/per_page paging and
/// Link headers, the log archive as a redirect to a zip, commit comparisons
/// (GET /repos/{owner}/{repo}/compare/{base}...{head}) and scripted rate-limit answers.
/// </summary>
public sealed class FakeGitHubActions : IAsyncDisposable
{
    public const string Repository = "octo-org/mlops-platform";
    private const string Prefix = "/api/v3/repos/octo-org/mlops-platform/actions";
    private const string RepositoryPrefix = "/api/v3/repos/octo-org/mlops-platform";

    private readonly ConcurrentQueue<(int Status, Dictionary<string, string> Headers, string Message)> _refusals = new();
    private LoopbackServer _server = null!;

    public List<object> Runs { get; } = [];
    public Dictionary<long, List<object>> Jobs { get; } = [];
    public Dictionary<long, byte[]> LogArchives { get; } = [];

    /// <summary>Comparisons by "base...head", in GitHub's shape (<see cref="Comparison"/>); any other pair is 404 as on GitHub.</summary>
    public Dictionary<string, object> Comparisons { get; } = [];
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
            app.MapGet(RepositoryPrefix + "/compare/{basehead}", (string basehead) =>
                fake.Comparisons.TryGetValue(basehead, out var comparison) ? Results.Json(comparison)
                    : Results.NotFound(new { message = "Not Found", documentation_url = "https://docs.github.com/rest/commits/commits#compare-two-commits" }));
        });
        return fake;
    }

    /// <summary>The next request is refused with this status, headers and message (then the API answers normally).</summary>
    public void RefuseNext(int status, string message, params (string Name, string Value)[] headers) =>
        _refusals.Enqueue((status, headers.ToDictionary(h => h.Name, h => h.Value), message));

    public static object Run(long id, string workflow, string branch, string conclusion, DateTimeOffset createdAt, TimeSpan duration, string actor = "mchen", string headSha = "3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e") => new Dictionary<string, object?>
    {
        ["id"] = id,
        ["name"] = workflow,
        ["head_branch"] = branch,
        ["head_sha"] = headSha,
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

    /// <summary>
    /// A comparison as GitHub answers it: status, ahead/behind, total_commits, the commits (oldest
    /// first, each with its git commit, author and committer) and the files with their line counts.
    /// </summary>
    public static object Comparison(string baseSha, string headSha, (string Sha, string Login, string Message, DateTimeOffset Date)[] commits,
        (string Path, string Status, int Additions, int Deletions)[] files, int? totalCommits = null)
    {
        var api = $"https://api.github.com/repos/{Repository}";
        object Commit(string sha, string login, string message, DateTimeOffset date, string? parent) => new Dictionary<string, object?>
        {
            ["sha"] = sha,
            ["node_id"] = "C_" + sha[..10],
            ["commit"] = new Dictionary<string, object?>
            {
                ["author"] = new { name = login + " (full name)", email = $"{login}@example.com", date },
                ["committer"] = new { name = "GitHub", email = "noreply@github.com", date },
                ["message"] = message,
                ["tree"] = new { sha = new string('e', 40), url = $"{api}/git/trees/{new string('e', 40)}" },
                ["url"] = $"{api}/git/commits/{sha}",
                ["comment_count"] = 0,
                ["verification"] = new { verified = false, reason = "unsigned", signature = (string?)null, payload = (string?)null },
            },
            ["url"] = $"{api}/commits/{sha}",
            ["html_url"] = $"https://github.com/{Repository}/commit/{sha}",
            ["comments_url"] = $"{api}/commits/{sha}/comments",
            ["author"] = new { login, id = 1, type = "User" },
            ["committer"] = new { login = "web-flow", id = 19864447, type = "User" },
            ["parents"] = parent is null ? Array.Empty<object>() : [new { sha = parent, url = $"{api}/commits/{parent}" }],
        };
        var commitObjects = commits.Select((c, i) => Commit(c.Sha, c.Login, c.Message, c.Date, i == 0 ? baseSha : commits[i - 1].Sha)).ToList();
        return new Dictionary<string, object?>
        {
            ["url"] = $"{api}/compare/{baseSha}...{headSha}",
            ["html_url"] = $"https://github.com/{Repository}/compare/{baseSha}...{headSha}",
            ["permalink_url"] = $"https://github.com/{Repository}/compare/octo-org:{baseSha}...octo-org:{headSha}",
            ["diff_url"] = $"https://github.com/{Repository}/compare/{baseSha}...{headSha}.diff",
            ["patch_url"] = $"https://github.com/{Repository}/compare/{baseSha}...{headSha}.patch",
            ["base_commit"] = Commit(baseSha, "mchen", "The last green commit", commits.Length > 0 ? commits[0].Date.AddHours(-1) : DateTimeOffset.UnixEpoch, null),
            ["merge_base_commit"] = Commit(baseSha, "mchen", "The last green commit", commits.Length > 0 ? commits[0].Date.AddHours(-1) : DateTimeOffset.UnixEpoch, null),
            ["status"] = commits.Length == 0 ? "identical" : "ahead",
            ["ahead_by"] = totalCommits ?? commits.Length,
            ["behind_by"] = 0,
            ["total_commits"] = totalCommits ?? commits.Length,
            ["commits"] = commitObjects,
            ["files"] = files.Select(f => new Dictionary<string, object?>
            {
                ["sha"] = new string('f', 40),
                ["filename"] = f.Path,
                ["status"] = f.Status,
                ["additions"] = f.Additions,
                ["deletions"] = f.Deletions,
                ["changes"] = f.Additions + f.Deletions,
                ["blob_url"] = $"https://github.com/{Repository}/blob/{headSha}/{f.Path}",
                ["raw_url"] = $"https://github.com/{Repository}/raw/{headSha}/{f.Path}",
                ["contents_url"] = $"{api}/contents/{f.Path}?ref={headSha}",
                ["patch"] = "@@ -1,3 +1,4 @@\n-old line\n+new line",
            }).ToList(),
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
