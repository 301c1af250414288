using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MlOpsDashboard.Core.Incidents.Alerts;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class AlertsWebhookTests : IAsyncLifetime
{
    private const string Token = "webhook-test-token-7f3a";
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Incidents:WebhookToken"] = Token,
        ["Incidents:MaxRequestBytes"] = "16384",
    });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic d2ViaG9vazp3ZWJob29rLXRlc3QtdG9rZW4tN2YzYQ==")]
    [InlineData("webhook-test-token-7f3a")]
    public async Task Post_WithoutTheBearerToken_401ProblemAndNothingStored(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Json(Payload("firing", "fp-1")) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _app.Services.GetRequiredService<AlertIntake>().FiringAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_413Problem()
    {
        var big = PayloadWithSummary("fp-1", new string('x', 20_000));

        var response = await PostAsync(big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Incidents:MaxRequestBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_413Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(PayloadWithSummary("fp-1", new string('y', 40_000))))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"version":"3","groupKey":"g","alerts":[]}""")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"X"}}]}""")]
    [InlineData("""{"version":"4","groupKey":"g","alerts":[{"status":"burning","fingerprint":"f","labels":{}}]}""")]
    public async Task Post_MalformedPayload_400ProblemNamingTheFault(string body)
    {
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Post_SameFiringAlertTwice_StoredOnceAnalysedOnce()
    {
        var first = await PostAsync(Payload("firing", "fp-crash"));
        var second = await PostAsync(Payload("firing", "fp-crash"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("firing").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("unchanged").GetInt32());
        var alert = Assert.Single(await _app.Services.GetRequiredService<AlertIntake>().FiringAsync(CancellationToken.None));
        Assert.Equal("PodCrashLooping", alert.AlertName);
        var store = _app.Services.GetRequiredService<AnalysisStore>();
        await Eventually(async () => Assert.NotNull((await _app.Services.GetRequiredService<AlertIntake>().FindAsync(alert.Id, CancellationToken.None))!.AnalysisId));
        var analyses = await store.ListAsync(new AnalysisFilter(), CancellationToken.None);
        var analysis = Assert.Single(analyses);
        Assert.Equal("alert", analysis.Trigger);
        Assert.Equal("PodCrashLooping", analysis.TriggerDetail);
    }

    [Fact]
    public async Task Post_Resolved_ClosesTheItem()
    {
        await PostAsync(Payload("firing", "fp-a", "fp-b"));

        var response = await PostAsync(Payload("resolved", "fp-a"));

        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("resolved").GetInt32());
        var firing = await _app.Services.GetRequiredService<AlertIntake>().FiringAsync(CancellationToken.None);
        Assert.Equal("fp-b", Assert.Single(firing).Fingerprint);
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await _client.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A version-4 body as Alertmanager sends it for the crash-loop rule in deploy/monitoring.</summary>
    internal static string Payload(string status, params string[] fingerprints) => Payload(status, fingerprints, null);

    private static string PayloadWithSummary(string fingerprint, string summary) => Payload("firing", [fingerprint], summary);

    private static string Payload(string status, string[] fingerprints, string? summary) => JsonSerializer.Serialize(new
    {
        receiver = "mlops-dashboard",
        status,
        alerts = fingerprints.Select(fp => new
        {
            status,
            labels = new Dictionary<string, string> { ["alertname"] = "PodCrashLooping", ["severity"] = "critical", ["namespace"] = "model-serving", ["pod"] = $"model-serving-{fp}" },
            annotations = new Dictionary<string, string> { ["summary"] = summary ?? $"model-serving-{fp} is crash looping" },
            startsAt = "2026-11-24T01:00:00Z",
            endsAt = status == "resolved" ? "2026-11-24T01:20:00Z" : "0001-01-01T00:00:00Z",
            generatorURL = "http://prometheus:9090/graph",
            fingerprint = fp,
        }),
        groupLabels = new { alertname = "PodCrashLooping" },
        commonLabels = new { alertname = "PodCrashLooping" },
        commonAnnotations = new { },
        externalURL = "http://alertmanager:9093",
        version = "4",
        groupKey = "{}/{severity=\"critical\"}:{alertname=\"PodCrashLooping\"}",
        truncatedAlerts = 0,
    });

    private static async Task Eventually(Func<Task> assertion)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
