using System.Net;
using System.Text.Json;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Operations;

public sealed class OperationsEndpointsTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Healthz_Anonymous_AnswersHealthy()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_AfterStart_ReportsMigrationsAndDatabaseHealthy()
    {
        var response = await _client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["Database"]);
        Assert.Equal("Healthy", checks["Start-up work"]);
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposesHttpRequestHistogram()
    {
        await _client.GetAsync("/healthz");

        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Contains("http_request_duration_seconds_bucket", metrics);
        Assert.Contains("endpoint=\"/healthz\"", metrics);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheConnectionsEndpoint()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/connections", document);
    }

    [Fact]
    public async Task ScalarReference_Anonymous_Serves()
    {
        var response = await _client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_CarryContentSecurityPolicy()
    {
        var response = await _client.GetAsync("/account/login");

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
