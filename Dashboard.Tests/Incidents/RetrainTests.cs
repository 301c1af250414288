using System.Net;
using System.Text;
using System.Text.Json;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>The Retrain action of a drift report in the sandbox: a real training run through the predictors' training service.</summary>
public sealed class RetrainTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Predictors:TrainDefaultModels"] = "false",
        ["Predictions:Traffic:RequestsPerSecond"] = "0",
        // A small draw keeps the training run short on a shared CI machine; the path is the full one.
        ["Incidents:RetrainBuildsPerProject"] = "60",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Retrain_DriftReportInTheSandbox_RegistersANewMonitoredVersionAndReportsProgress()
    {
        var client = await IncidentsAppClients.AsAsync(_app, Roles.Operator);
        var incident = JsonSerializer.Serialize(new
        {
            domain = "drift",
            application = "failure-risk",
            drift = new { model = "failure-risk", version = "v1", score = 0.4, topFeatures = new[] { new { name = "lines_added", score = 0.4 } } },
        });
        var analysis = JsonDocument.Parse(await (await client.PostAsync("/api/v1/analyses", new StringContent(incident, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;
        var id = analysis.GetProperty("id").GetInt64();

        var started = await client.PostAsync($"/api/v1/analyses/{id}/retrain", null);
        var again = await client.PostAsync($"/api/v1/analyses/{id}/retrain", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("still running", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var location = started.Headers.Location!.OriginalString;
        var job = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("synthetic CI history", job.GetProperty("dataSource").GetString(), StringComparison.Ordinal);
        var progressSeen = new HashSet<string>();
        for (var i = 0; i < 600 && job.GetProperty("state").GetString() == "Running"; i++)
        {
            await Task.Delay(500);
            job = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement;
            progressSeen.UnionWith(job.GetProperty("progress").EnumerateArray().Select(p => p.GetString()!));
        }

        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Contains("training on 180 builds", progressSeen);
        var registered = job.GetProperty("registered").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.StartsWith("failure-risk/v", registered[0], StringComparison.Ordinal);
        var versions = await _app.Services.GetRequiredService<ModelRegistry>().ListAsync(PredictorKind.FailureRisk);
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Contains("retrain by ", v.Author, StringComparison.Ordinal));
        Assert.Contains(versions, v => v.Aliases.Contains(ModelAlias.Champion));
        // Drift monitoring follows the new version: its reference profile is stored under the drift name.
        Assert.NotNull(await _app.Services.GetRequiredService<IReferenceProfileStore>().GetAsync("failure-risk", $"v{versions[0].Id.Number}", CancellationToken.None));
        var viewer = await IncidentsAppClients.AsAsync(_app, Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/v1/retraining/{Guid.NewGuid()}")).StatusCode);
    }
}
