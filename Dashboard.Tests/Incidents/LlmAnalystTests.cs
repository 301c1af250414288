using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class LlmAnalystTests : IAsyncLifetime
{
    private FakeGemini _gemini = null!;

    public async Task InitializeAsync() => _gemini = await FakeGemini.StartAsync();

    public async Task DisposeAsync() => await _gemini.DisposeAsync();

    [Fact]
    public async Task Gemini_RealisticAnswer_RankedReportWithModelTokensAndPrompt()
    {
        var report = await AnalyzeAsync(AiStudio(), IncidentSamples.Load("crashloop.json"));

        Assert.Null(report.Fallback);
        Assert.Equal("Gemini", report.Analyst);
        Assert.Equal("gemini-2.5-flash", report.Model);
        Assert.Equal(1234, report.InputTokens);
        Assert.Equal(187, report.OutputTokens);
        Assert.Equal(["missing-model-version", "registry-outage"], report.RootCauses.Select(c => c.Category));
        Assert.Equal(Urgency.P1, report.Urgency);
        var (path, headers, body) = Assert.Single(_gemini.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", path);
        Assert.Equal("test-ai-studio-key", headers["x-goog-api-key"]);
        Assert.Equal("application/json", body["generationConfig"]!["responseMimeType"]!.GetValue<string>());
        Assert.Contains("Kubernetes site reliability engineer", body["systemInstruction"]!["parts"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var sent = body["contents"]![0]!["parts"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("RegistryError: model version not found", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-very-secret", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("oncall@example.com", sent, StringComparison.Ordinal);
        Assert.Contains(sent, report.Redaction.SentText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "RESOURCE_EXHAUSTED", "429")]
    [InlineData(500, "INTERNAL", "500")]
    [InlineData(403, "PERMISSION_DENIED", "403")]
    public async Task Gemini_ErrorStatus_FallsBackToRulesAndSaysWhy(int status, string name, string mentioned)
    {
        _gemini.Answer = () => (status, FakeGemini.Error(status, name, "Resource has been exhausted (e.g. check quota)."));

        var report = await AnalyzeAsync(AiStudio(), IncidentSamples.Load("crashloop.json"));

        Assert.Equal("rules", report.Analyst);
        Assert.Contains(mentioned, report.Fallback!, StringComparison.Ordinal);
        Assert.Equal("crash-loop", report.RootCauses[0].Category);
        Assert.Contains("<context>", report.Redaction.SentText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_429_FallbackSaysRateLimited()
    {
        _gemini.Answer = () => (429, FakeGemini.Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for generate_content_free_tier_requests"));

        var report = await AnalyzeAsync(AiStudio(), IncidentSamples.Load("crashloop.json"));

        Assert.Contains("rate-limited", report.Fallback!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_SlowerThanTimeout_FallsBackWithTimeout()
    {
        // The fake answers after a minute; the analysis must give up long before. The bound leaves
        // room for the 1 s timer firing late on a loaded machine (once 7 s late in a full run).
        _gemini.Delay = TimeSpan.FromSeconds(60);
        var settings = AiStudio();
        settings["Llm:TimeoutSeconds"] = "1";

        var report = await AnalyzeAsync(settings, IncidentSamples.Load("crashloop.json"));

        Assert.Equal("rules", report.Analyst);
        Assert.Contains("timeout", report.Fallback!, StringComparison.Ordinal);
        Assert.InRange(report.LatencyMilliseconds, 1000, 30_000);
    }

    [Theory]
    [InlineData("The pod is crashing, probably.")]
    [InlineData("{\"summary\":\"x\",\"rootCauses\":[]}")]
    public async Task Gemini_UnusableAnswer_FallsBack(string text)
    {
        _gemini.Answer = () => (200, FakeGemini.GenerateContent(text));

        var report = await AnalyzeAsync(AiStudio(), IncidentSamples.Load("crashloop.json"));

        Assert.Equal("rules", report.Analyst);
        Assert.NotNull(report.Fallback);
    }

    [Fact]
    public async Task Gemini_SafetyBlockedWithoutCandidates_FallsBack()
    {
        _gemini.Answer = () => (200, """{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":10}}""");

        var report = await AnalyzeAsync(AiStudio(), IncidentSamples.Load("crashloop.json"));

        Assert.Contains("SAFETY", report.Fallback!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_VertexWithServiceAccount_SignsInAndCallsTheRegionalModel()
    {
        var credentials = Path.GetTempFileName();
        try
        {
            using var rsa = RSA.Create(2048);
            await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["type"] = "service_account",
                ["project_id"] = "mlops-test",
                ["private_key_id"] = "key-1",
                ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
                ["client_email"] = "dashboard@mlops-test.iam.gserviceaccount.com",
                ["client_id"] = "1234567890",
                ["token_uri"] = new Uri(_gemini.Address, "token").ToString(),
            }));
            var settings = new Dictionary<string, string?>
            {
                ["Llm:Provider"] = "Gemini",
                ["Llm:Endpoint"] = _gemini.Address.ToString(),
                ["Llm:Project"] = "mlops-test",
                ["Llm:Location"] = "europe-west4",
                ["Llm:CredentialsFile"] = credentials,
            };

            var report = await AnalyzeAsync(settings, IncidentSamples.Load("crashloop.json"));

            Assert.Null(report.Fallback);
            var requests = _gemini.Requests.ToList();
            Assert.Equal("/token", requests[0].Path);
            Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", requests[0].Body["grant_type"]!.GetValue<string>());
            Assert.Equal("/v1/projects/mlops-test/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent", requests[1].Path);
            Assert.Equal($"Bearer {FakeGemini.AccessToken}", requests[1].Headers["Authorization"]);
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    [Fact]
    public async Task OpenAICompatible_ChatCompletion_ParsedIntoTheReport()
    {
        string? seenModel = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            seenModel = body.RootElement.GetProperty("model").GetString();
            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1764000000,
                model = "llama3.1:8b",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = FakeGemini.ValidAnswer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 900, completion_tokens = 150, total_tokens = 1050 },
            });
        }));

        var report = await AnalyzeAsync(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:Endpoint"] = new Uri(server.Address, "v1").ToString(),
            ["Llm:Model"] = "llama3.1:8b",
        }, IncidentSamples.Load("crashloop.json"));

        Assert.Null(report.Fallback);
        Assert.Equal("OpenAICompatible", report.Analyst);
        Assert.Equal("llama3.1:8b", seenModel);
        Assert.Equal(900, report.InputTokens);
        Assert.Equal("missing-model-version", report.RootCauses[0].Category);
    }

    private Dictionary<string, string?> AiStudio() => new()
    {
        ["Llm:Provider"] = "Gemini",
        ["Llm:Endpoint"] = _gemini.Address.ToString(),
        ["Llm:ApiKey"] = "test-ai-studio-key",
    };

    internal static async Task<AnalysisReport> AnalyzeAsync(Dictionary<string, string?> settings, CapturedIncident incident)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddIncidentAnalysis();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IncidentAnalyzer>().AnalyzeAsync(incident, CancellationToken.None);
    }
}
