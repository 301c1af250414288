using System.Net;
using System.Text;
using System.Text.Json;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class AnalysesApiTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Incidents:MaxRequestBytes"] = "8192" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_CapturedIncidentAsOperator_201WithRankedReportStoredAndRedacted()
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Operator);

        var response = await client.PostAsync("/api/v1/analyses", new StringContent(await File.ReadAllTextAsync(IncidentSamples.SamplePath("crashloop.json")), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var report = stored.GetProperty("report");
        Assert.Equal("crash-loop", report.GetProperty("rootCauses")[0].GetProperty("category").GetString());
        Assert.Equal("P0", report.GetProperty("urgency").GetString());
        var sent = report.GetProperty("redaction").GetProperty("sentText").GetString()!;
        Assert.DoesNotContain("hunter2-very-secret", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("oncall@example.com", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("10.42.1.17", sent, StringComparison.Ordinal);
        var masked = report.GetProperty("redaction").GetProperty("masked").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToList();
        Assert.Contains("secret-value", masked);
        Assert.Contains("email", masked);
        Assert.Contains("ipv4", masked);

        var id = stored.GetProperty("id").GetInt64();
        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/v1/analyses?urgency=P0")).RootElement;
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id && a.GetProperty("topCause").GetString() == "crash-loop");
        var again = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/analyses/{id}")).RootElement;
        Assert.DoesNotContain("hunter2", again.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AsViewer_403()
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Viewer);

        var response = await client.PostAsync("/api/v1/analyses", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_Anonymous_401()
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/analyses", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"pod\": {\"restarts\": }", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Post_BadBody_ProblemDetails(string body, HttpStatusCode expected)
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Operator);

        var response = await client.PostAsync("/api/v1/analyses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_TooLarge_413()
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Operator);
        var body = JsonSerializer.Serialize(new { observations = new[] { new string('z', 10_000) } });

        var response = await client.PostAsync("/api/v1/analyses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GetMissing_404Problem()
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Viewer);

        var response = await client.GetAsync("/api/v1/analyses/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesBothEndpointsAndTheIncidentSchema()
    {
        var document = await _app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/analyses", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/alerts", document, StringComparison.Ordinal);
        Assert.Contains("CapturedIncident", document, StringComparison.Ordinal);
        Assert.Contains("IncidentContainer", document, StringComparison.Ordinal);
    }
}
