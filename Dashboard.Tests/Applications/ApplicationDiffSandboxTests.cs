using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Diff;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

/// <summary>
/// The git-against-live diff on the sandbox: a hand-made scale (the manual-drift scenario, as
/// `kubectl scale` would do it through the API) turns grafana OutOfSync, and the diff, rendered
/// from the sandbox's manifests repository and read back through the Kubernetes API, shows it.
/// </summary>
public sealed class ApplicationDiffSandboxTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "1",
        ["Sandbox:TickSeconds"] = "0.2",
        // Self-heal would undo the drift before it can be looked at.
        ["Sandbox:SelfHealDelaySeconds"] = "600",
        ["Predictors:TrainDefaultModels"] = "false",
        ["Predictions:Traffic:RequestsPerSecond"] = "0",
    });

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        await _app.Services.GetRequiredService<SandboxPlatform>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CompareAsync_DeploymentScaledByHand_DiffShowsLiveAndGitReplicas()
    {
        var state = _app.Services.GetRequiredService<ClusterState>();
        await Eventually(() => state.Current.Application("grafana") is { SyncStatus: ArgoApplication.Synced, HealthStatus: ArgoApplication.Healthy });
        _app.Services.GetRequiredService<SandboxPlatform>().Scenarios.Trigger(SandboxScenario.ManualDrift);
        await Eventually(() => state.Current.Application("grafana")?.Resources.Any(r => r.Kind == "Deployment" && r.SyncStatus == ArgoApplication.OutOfSync) == true);

        var diff = await _app.Services.GetRequiredService<ApplicationDiffService>().CompareAsync(state.Current.Application("grafana")!);

        Assert.Null(diff.Error);
        var deployment = Assert.Single(diff.Resources);
        Assert.Equal(("Deployment", "grafana", ResourceDiffState.Changed), (deployment.Resource.Kind, deployment.Resource.Name, deployment.State));
        var lines = deployment.Diff.Split('\n');
        Assert.Contains("-  replicas: 3", lines);
        Assert.Contains("+  replicas: 1", lines);
        // Only the scale differs: the server's bookkeeping and status are normalized away.
        Assert.Equal(2, lines.Count(l => (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)));
        Assert.StartsWith("--- live Deployment/grafana\n+++ git Deployment/grafana @ ", deployment.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_RevisionNotInRepository_SaysSo()
    {
        var state = _app.Services.GetRequiredService<ClusterState>();
        await Eventually(() => state.Current.Application("grafana") is not null);
        var app = state.Current.Application("grafana")! with { SyncRevision = new string('0', 40) };

        var diff = await _app.Services.GetRequiredService<ApplicationDiffService>().CompareAsync(app);

        Assert.Equal("Revision 0000000 is not in the manifests repository.", diff.Error);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 60 s");
            await Task.Delay(100);
        }
    }
}
