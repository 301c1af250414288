using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>
/// A loopback Gemini: answers generateContent (AI Studio and Vertex AI paths) the way Google does,
/// or with the error a test asks for; also a service-account token endpoint. Records every request.
/// </summary>
internal sealed class FakeGemini : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers, JsonNode Body)> Requests { get; } = new();

    /// <summary>What the next generateContent answers: a status and a body.</summary>
    public Func<(int Status, string Body)> Answer { get; set; } = () => (200, GenerateContent(ValidAnswer));

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public Uri Address => _server.Address;

    public const string AccessToken = "ya29.fake-access-token";

    public static readonly string ValidAnswer = JsonSerializer.Serialize(new
    {
        summary = "The model server cannot load its model version from the registry.",
        urgency = "P1",
        scope = "application",
        rootCauses = new object[]
        {
            new { category = "missing-model-version", title = "MODEL_VERSION points to a version the registry does not have", likelihood = 0.86, evidence = new[] { "RegistryError: model version not found (HTTP 404)" }, remediation = "Set MODEL_VERSION to a registered version or roll back the commit that changed it.", scope = "application" },
            new { category = "registry-outage", title = "The model registry is unreachable", likelihood = 0.1, evidence = new[] { "HTTP 404" }, remediation = "Check MLflow's health.", scope = "infrastructure" },
        },
    });

    public static async Task<FakeGemini> StartAsync()
    {
        var fake = new FakeGemini();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/{**path}", fake.HandleAsync);
        });
        return fake;
    }

    /// <summary>A generateContent response as Gemini 2.5 returns it.</summary>
    public static string GenerateContent(string text) => JsonSerializer.Serialize(new
    {
        candidates = new[]
        {
            new
            {
                content = new { parts = new[] { new { text } }, role = "model" },
                finishReason = "STOP",
                avgLogprobs = -0.21,
            },
        },
        usageMetadata = new { promptTokenCount = 1234, candidatesTokenCount = 187, totalTokenCount = 1421, promptTokensDetails = new[] { new { modality = "TEXT", tokenCount = 1234 } } },
        modelVersion = "gemini-2.5-flash",
        responseId = "b3Jp-fakeresponse",
    });

    public static string Error(int code, string status, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message, status } });

    private async Task<IResult> HandleAsync(HttpContext context, string path)
    {
        if (path == "token")
        {
            var form = await context.Request.ReadFormAsync();
            Requests.Enqueue(("/" + path, Copy(context.Request.Headers), new JsonObject { ["grant_type"] = form["grant_type"].ToString(), ["assertion"] = form["assertion"].ToString() }));
            return Results.Json(new { access_token = AccessToken, expires_in = 3600, token_type = "Bearer" });
        }
        var body = await JsonNode.ParseAsync(context.Request.Body);
        Requests.Enqueue(("/" + path, Copy(context.Request.Headers), body!));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        var (status, answer) = Answer();
        return Results.Text(answer, "application/json", statusCode: status);
    }

    // Kestrel reuses a request's header collection once it is answered.
    private static Dictionary<string, string> Copy(IHeaderDictionary headers) =>
        headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
