using System.Globalization;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Rules;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>
/// The acceptance test of the rules analyst: every incident the sandbox can inject, collected from
/// its Kubernetes API exactly as from a real cluster, is explained by the injected cause first.
/// </summary>
public sealed class SandboxScenarioAnalysisTests
{
    private static readonly Dictionary<SandboxScenario, (IncidentTarget Target, string Expected, string? Alert)> Expectations = new()
    {
        [SandboxScenario.CrashLoop] = (new("model-serving", Application: "model-serving"), "crash-loop", "PodCrashLooping"),
        [SandboxScenario.OomKilled] = (new("model-serving", Application: "model-serving"), "oom-killed", "ContainerOomKilled"),
        [SandboxScenario.LatencySpike] = (new("model-serving", Application: "model-serving"), "cpu-throttling", "InferenceLatencyP95High"),
        [SandboxScenario.NodeNotReady] = (new("model-serving", Application: "model-serving"), "node-not-ready", "KubeNodeNotReady"),
        [SandboxScenario.NodeMemoryPressure] = (new("model-serving", Application: "model-serving"), "node-pressure", "NodeMemoryExhaustion"),
        [SandboxScenario.ImageWithoutArm64] = (new(ScenarioEffects.ExporterNamespace, Application: ScenarioEffects.ExporterName), "image-architecture-mismatch", "PodCrashLooping"),
        [SandboxScenario.ManualDrift] = (new(ScenarioEffects.DriftNamespace, Application: ScenarioEffects.DriftDeployment), "gitops-drift", null),
    };

    public static TheoryData<SandboxScenario> Scenarios() => [.. Enum.GetValues<SandboxScenario>()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RulesAnalyst_InjectedScenario_NamesTheInjectedCauseFirst(SandboxScenario scenario)
    {
        Assert.True(Expectations.ContainsKey(scenario), $"No expectation for the sandbox scenario {scenario}: add its target and cause here.");
        var (target, expected, alertName) = Expectations[scenario];
        await using var app = new DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Sandbox",
            ["Sandbox:PollIntervalSeconds"] = "1.5",
            ["Sandbox:TickSeconds"] = "0.2",
            // Long enough to look at the drift before Argo CD heals it.
            ["Sandbox:SelfHealDelaySeconds"] = "120",
        });
        app.CreateClient();
        var platform = app.Services.GetRequiredService<SandboxPlatform>();
        await platform.Started.WaitAsync(TimeSpan.FromSeconds(30));
        var collector = app.Services.GetRequiredService<IIncidentContextCollector>();
        var rules = app.Services.GetRequiredService<RulesAnalyst>();
        await Eventually(async () =>
        {
            var before = await collector.CollectAsync(target with { Namespace = "model-serving", Application = "model-serving" }, null, CancellationToken.None);
            Assert.True(before.Pod?.Containers.All(c => c.Ready) == true, "model-serving is not running yet");
        });

        platform.Scenarios.Trigger(scenario);

        var alert = alertName is null ? null : new IncidentAlert
        {
            Labels = new Dictionary<string, string> { ["alertname"] = alertName, ["severity"] = "warning", ["namespace"] = target.Namespace! },
            StartsAt = DateTimeOffset.UtcNow,
        };
        AnalystAnswer? answer = null;
        await Eventually(async () =>
        {
            var incident = await collector.CollectAsync(target, alert, CancellationToken.None);
            answer = rules.Analyze(incident);
            Assert.True(answer.RootCauses[0].Category == expected,
                string.Create(CultureInfo.InvariantCulture, $"{scenario}: expected {expected} first, got {string.Join(", ", answer.RootCauses.Select(c => $"{c.Category} {c.Likelihood:0.00}"))}"));
        });
        Assert.NotEmpty(answer!.RootCauses[0].Evidence);
    }

    private static async Task Eventually(Func<Task> assertion)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(300);
            }
        }
    }
}
