using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>Request bodies and answers as a client sees them: plain JSON.</summary>
public static class PredictionRequests
{
    public const string BuildTime = "/api/v1/build-optimizer/predict";
    public const string FailureRisk = "/api/v1/failure-predictor/predict";
    public const string TestSelection = "/api/v1/test-intelligence/select";

    /// <summary>A typical small pull-request build with every required field.</summary>
    public static JsonObject Build(double linesAdded = 40, double filesModified = 3) => new()
    {
        ["buildId"] = "ci-1234",
        ["filesModified"] = filesModified,
        ["linesAdded"] = linesAdded,
        ["linesDeleted"] = 12,
        ["commits"] = 2,
        ["hourOfDay"] = 14,
        ["dayOfWeek"] = 2,
        ["isPullRequest"] = true,
        ["isMainBranch"] = false,
        ["previousBuildFailed"] = false,
        ["previousDurationSeconds"] = 420,
        ["recentFailureRatio"] = 0.2,
        ["testFiles"] = 1,
        ["dependencyCount"] = 85,
    };

    public static JsonObject Change(int tests = 5) => new()
    {
        ["changeId"] = "pr-77",
        ["timeBudgetSeconds"] = 60,
        ["tests"] = new JsonArray([.. Enumerable.Range(0, tests).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"Suite.Test{i}",
            ["durationSeconds"] = 10 + i,
            ["previousRuns"] = 50,
            ["previousFailures"] = i,
            ["lastRunFailed"] = i % 2 == 0,
            ["recentFailureRatio"] = i % 3 * 0.2,
            ["changeTouchesTest"] = i % 2,
        })]),
    };

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string route, JsonNode body) => client.PostAsync(route, Json(body.ToJsonString()));

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The field names of a validation problem's <c>errors</c>.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var problem = await ReadAsync(response);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }
}
