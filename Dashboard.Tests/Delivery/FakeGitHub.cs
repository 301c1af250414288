using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>
/// A loopback stand-in for GitHub's REST API as a GitHub Enterprise server (Octokit talks to
/// /api/v3/ on any host but api.github.com), answering with JSON shaped like GitHub's own.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    public enum Answer
    {
        Create,
        AlreadyExists,
        RateLimited,
        TooManyRequests,
    }

    public Answer Mode { get; set; } = Answer.Create;
    public ConcurrentQueue<(string Method, string Path, string? Authorization, JsonObject? Body)> Requests { get; } = new();
    public Uri ApiUrl => _server.Address;
    public DateTimeOffset RateLimitReset { get; } = DateTimeOffset.UtcNow.AddMinutes(17);

    public static async Task<FakeGitHub> StartAsync()
    {
        var fake = new FakeGitHub();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/api/v3/repos/{owner}/{repo}/pulls", fake.CreateAsync);
            app.MapGet("/api/v3/repos/{owner}/{repo}/pulls", (HttpContext context, string owner, string repo) =>
            {
                fake.Requests.Enqueue(("GET", context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization, null));
                var head = context.Request.Query["head"].ToString();
                return Results.Json(new JsonArray(PullRequest(owner, repo, 41, head.Split(':')[^1], "main", "Promote model-serving-production: earlier attempt")));
            });
        });
        return fake;
    }

    private async Task<IResult> CreateAsync(HttpContext context, string owner, string repo)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body);
        Requests.Enqueue(("POST", context.Request.Path, context.Request.Headers.Authorization, body));
        switch (Mode)
        {
            case Answer.AlreadyExists:
                return Results.Json(new
                {
                    message = "Validation Failed",
                    errors = new[] { new { resource = "PullRequest", code = "custom", message = $"A pull request already exists for {owner}:{body!["head"]}." } },
                    documentation_url = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                    status = "422",
                }, statusCode: 422);
            case Answer.RateLimited:
                context.Response.Headers["X-RateLimit-Limit"] = "5000";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Used"] = "5000";
                context.Response.Headers["X-RateLimit-Reset"] = RateLimitReset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Resource"] = "core";
                return Results.Json(new
                {
                    message = "API rate limit exceeded for user ID 1.",
                    documentation_url = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
                    status = "403",
                }, statusCode: 403);
            case Answer.TooManyRequests:
                context.Response.Headers["Retry-After"] = "60";
                return Results.Json(new
                {
                    message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                    documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                    status = "429",
                }, statusCode: 429);
            default:
                return Results.Json(PullRequest(owner, repo, 42, body!["head"]!.GetValue<string>(), body["base"]!.GetValue<string>(), body["title"]!.GetValue<string>()), statusCode: 201);
        }
    }

    private static JsonObject PullRequest(string owner, string repo, int number, string head, string @base, string title) => new()
    {
        ["url"] = $"https://github.example.com/api/v3/repos/{owner}/{repo}/pulls/{number}",
        ["id"] = 1_000_000 + number,
        ["node_id"] = "PR_kwDOAbCdEf4A" + number,
        ["html_url"] = $"https://github.example.com/{owner}/{repo}/pull/{number}",
        ["diff_url"] = $"https://github.example.com/{owner}/{repo}/pull/{number}.diff",
        ["number"] = number,
        ["state"] = "open",
        ["locked"] = false,
        ["title"] = title,
        ["user"] = new JsonObject { ["login"] = "mlops-bot", ["id"] = 7, ["type"] = "Bot" },
        ["body"] = "",
        ["created_at"] = "2026-11-24T02:00:00Z",
        ["updated_at"] = "2026-11-24T02:00:00Z",
        ["closed_at"] = null,
        ["merged_at"] = null,
        ["draft"] = false,
        ["head"] = new JsonObject { ["label"] = $"{owner}:{head}", ["ref"] = head, ["sha"] = new string('b', 40) },
        ["base"] = new JsonObject { ["label"] = $"{owner}:{@base}", ["ref"] = @base, ["sha"] = new string('a', 40) },
        ["merged"] = false,
        ["mergeable"] = null,
        ["comments"] = 0,
        ["commits"] = 1,
        ["additions"] = 2,
        ["deletions"] = 2,
        ["changed_files"] = 1,
    };

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
