using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Attention;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class AttentionSourcesTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "1",
        ["Sandbox:TickSeconds"] = "0.25",
        ["Predictors:TrainDefaultModels"] = "false",
        ["Incidents:AnalyzeFiringAlerts"] = "false",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CrashLoopInProduction_QueuesTheApplicationAsP0UntilItRecovers()
    {
        var queue = _app.Services.GetRequiredService<AttentionQueue>();
        await Eventually(async () => Assert.DoesNotContain(await queue.GetAsync(CancellationToken.None), i => i.Key.EndsWith("/model-serving-production", StringComparison.Ordinal)),
            mustHold: () => _app.Services.GetRequiredService<Core.Cluster.ClusterState>().Current.Application("model-serving-production")?.HealthStatus == "Healthy");

        _app.Services.GetRequiredService<SandboxScenarios>().Trigger(SandboxScenario.CrashLoop);

        await Eventually(async () =>
        {
            var item = Assert.Single(await queue.GetAsync(CancellationToken.None), i => i.Key.EndsWith("/model-serving-production", StringComparison.Ordinal));
            Assert.Equal((Urgency.P0, "Application", "/applications/model-serving-production"), (item.Severity, item.Kind, item.Href));
        });
    }

    private static async Task Eventually(Func<Task> assertion, Func<bool>? mustHold = null)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(45);
        while (true)
        {
            try
            {
                Assert.True(mustHold?.Invoke() ?? true, "precondition not reached yet");
                await assertion();
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
