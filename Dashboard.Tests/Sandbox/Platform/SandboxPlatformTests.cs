using System.Text.Json;
using k8s;
using k8s.Models;
using LibGit2Sharp;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.Platform;

/// <summary>
/// The sandbox as the dashboard sees it: through KubernetesClient and its kubeconfig, with real
/// git commits pushed to its repository.
/// </summary>
public sealed class SandboxPlatformTests : IAsyncLifetime
{
    private const double PollSeconds = 1.5;
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = PollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sandbox:TickSeconds"] = "0.2",
        ["Sandbox:SelfHealDelaySeconds"] = "2",
        // The platform alone: no model training or prediction traffic competing for the 2 cores.
        ["Predictors:TrainDefaultModels"] = "false",
        ["Predictions:Traffic:RequestsPerSecond"] = "0",
    });
    private SandboxPlatform _platform = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        _platform = _app.Services.GetRequiredService<SandboxPlatform>();
        await _platform.Started.WaitAsync(TimeSpan.FromSeconds(15));
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_platform.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Start_TwoNodes_WithArchitecturesRolesAndK3sVersion()
    {
        var nodes = (await _client.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name);

        Assert.Equal("arm64", nodes["mac-m2"].Status.NodeInfo.Architecture);
        Assert.Equal("amd64", nodes["wsl-worker"].Status.NodeInfo.Architecture);
        Assert.Contains(nodes["mac-m2"].Spec.Taints, t => t.Key == SandboxNodeCatalog.ControlPlaneTaintKey && t.Effect == "NoSchedule");
        Assert.Equal("compute-intensive", nodes["wsl-worker"].Metadata.Labels["workload"]);
        Assert.All(nodes.Values, n => Assert.Equal("v1.31.4+k3s1", n.Status.NodeInfo.KubeletVersion));
    }

    [Fact]
    public async Task Sync_SeededRepository_PlacesServingOnWorkerAndPlatformOnControlPlane()
    {
        await Eventually(async () =>
        {
            var pods = (await _client.CoreV1.ListPodForAllNamespacesAsync()).Items;
            var serving = pods.Where(p => p.Metadata.NamespaceProperty == "model-serving").ToList();
            Assert.NotEmpty(serving);
            Assert.All(serving, p => Assert.Equal("wsl-worker", p.Spec.NodeName));
            Assert.Contains(pods, p => p.Metadata.NamespaceProperty == "grafana" && p.Spec.NodeName == "mac-m2");
            Assert.All(serving, p => Assert.True(p.Status.ContainerStatuses?.Single().Ready, $"{p.Metadata.Name} not ready"));
        });
        await Eventually(async () => Assert.Equal("Healthy", await HealthOf("model-serving-production")));
        var app = await Application("model-serving-production");
        Assert.Equal("Synced", app.GetProperty("status").GetProperty("sync").GetProperty("status").GetString());
        var waves = app.GetProperty("status").GetProperty("operationState").GetProperty("syncResult").GetProperty("resources")
            .EnumerateArray().Select(r => r.GetProperty("syncWave").GetInt32()).ToList();
        Assert.Equal(waves.Order(), waves);
        Assert.Contains(0, waves);
        Assert.Contains(4, waves);
    }

    [Fact]
    public async Task Push_NewImageTag_ReportedSyncedAtNewRevisionWithinOnePoll()
    {
        await Eventually(async () => Assert.Equal("Synced", (await Application("model-serving-production")).GetProperty("status").GetProperty("sync").GetProperty("status").GetString()));
        var clone = Directory.CreateTempSubdirectory("mlops-clone-").FullName;
        try
        {
            Repository.Clone(_platform.Repository.Path, clone);
            string sha;
            using (var repo = new Repository(clone))
            {
                var kustomization = Path.Combine(clone, "deploy/apps/model-serving/overlays/production/kustomization.yaml");
                var text = await File.ReadAllTextAsync(kustomization);
                Assert.Contains("newTag: 1.3.2", text);
                await File.WriteAllTextAsync(kustomization, text.Replace("newTag: 1.3.2", "newTag: 1.3.3", StringComparison.Ordinal));
                Commands.Stage(repo, "deploy/apps/model-serving/overlays/production/kustomization.yaml");
                var who = new Signature("release-manager", "rm@example.com", DateTimeOffset.UtcNow);
                sha = repo.Commit("model-serving production: 1.3.2 -> 1.3.3", who, who).Sha;
                repo.Network.Push(repo.Branches["main"]);
            }
            var pushedAt = DateTimeOffset.UtcNow;

            await Eventually(async () =>
            {
                var status = (await Application("model-serving-production")).GetProperty("status");
                Assert.Equal(sha, status.GetProperty("sync").GetProperty("revision").GetString());
                Assert.Equal("Synced", status.GetProperty("sync").GetProperty("status").GetString());
                Assert.Equal(sha, status.GetProperty("history").EnumerateArray().Last().GetProperty("revision").GetString());
            }, TimeSpan.FromSeconds(PollSeconds + 4));

            Assert.True(DateTimeOffset.UtcNow - pushedAt <= TimeSpan.FromSeconds(PollSeconds + 2));
            var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("model-serving", "model-serving");
            Assert.Equal("ghcr.io/example/model-serving:1.3.3", deployment.Spec.Template.Spec.Containers[0].Image);
        }
        finally
        {
            TempFolders.TryDelete(clone);
        }
    }

    [Fact]
    public async Task CrashLoopScenario_ServingDegradedWithTracebackInLogs_ClearRecovers()
    {
        await Eventually(async () => Assert.Equal("Healthy", await HealthOf("model-serving-production")));

        _platform.Scenarios.Trigger(SandboxScenario.CrashLoop);

        await Eventually(async () => Assert.Equal("Degraded", await HealthOf("model-serving-production")));
        var pod = (await _client.CoreV1.ListNamespacedPodAsync("model-serving")).Items.First();
        Assert.Equal("CrashLoopBackOff", pod.Status.ContainerStatuses[0].State.Waiting?.Reason);
        Assert.Equal(1, pod.Status.ContainerStatuses[0].LastState.Terminated?.ExitCode);
        using var logs = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, "model-serving");
        Assert.Contains("Traceback", await new StreamReader(logs).ReadToEndAsync());
        var events = (await _client.CoreV1.ListNamespacedEventAsync("model-serving")).Items;
        Assert.Contains(events, e => e.Reason == "BackOff" && e.InvolvedObject.Name == pod.Metadata.Name);

        _platform.Scenarios.Clear(SandboxScenario.CrashLoop);

        await Eventually(async () => Assert.Equal("Healthy", await HealthOf("model-serving-production")));
    }

    [Fact]
    public async Task ImageWithoutArm64Scenario_ExporterOnMacCrashesWithExecFormatError()
    {
        _platform.Scenarios.Trigger(SandboxScenario.ImageWithoutArm64);

        await Eventually(async () =>
        {
            var pod = Assert.Single((await _client.CoreV1.ListNamespacedPodAsync(ScenarioEffects.ExporterNamespace)).Items);
            Assert.Equal("mac-m2", pod.Spec.NodeName);
            Assert.Equal("CrashLoopBackOff", pod.Status?.ContainerStatuses?[0].State.Waiting?.Reason);
            using var logs = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty);
            Assert.Contains("exec format error", await new StreamReader(logs).ReadToEndAsync());
        });
    }

    [Fact]
    public async Task NodeNotReadyScenario_WorkerUnknownTaintedAndPodsUnready()
    {
        await Eventually(async () => Assert.Equal("Healthy", await HealthOf("model-serving-production")));

        _platform.Scenarios.Trigger(SandboxScenario.NodeNotReady);

        await Eventually(async () =>
        {
            var node = await _client.CoreV1.ReadNodeAsync("wsl-worker");
            Assert.Equal("Unknown", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
            Assert.Contains(node.Spec.Taints, t => t.Key == "node.kubernetes.io/unreachable");
            var serving = (await _client.CoreV1.ListNamespacedPodAsync("model-serving")).Items;
            Assert.All(serving, p => Assert.False(p.Status.ContainerStatuses[0].Ready));
            Assert.Equal("Progressing", await HealthOf("model-serving-production"));
        });
    }

    [Fact]
    public async Task ManualDriftScenario_OutOfSyncThenSelfHealed()
    {
        await Eventually(async () => Assert.Equal("Synced", await SyncOf("grafana")));
        var gitReplicas = (await _client.AppsV1.ReadNamespacedDeploymentAsync("grafana", "grafana")).Spec.Replicas;
        var sawOutOfSync = false;

        _platform.Scenarios.Trigger(SandboxScenario.ManualDrift);

        await Eventually(async () =>
        {
            sawOutOfSync |= await SyncOf("grafana") == "OutOfSync";
            Assert.True(sawOutOfSync, "never OutOfSync");
        });
        await Eventually(async () =>
        {
            Assert.Equal("Synced", await SyncOf("grafana"));
            Assert.Equal(gitReplicas, (await _client.AppsV1.ReadNamespacedDeploymentAsync("grafana", "grafana")).Spec.Replicas);
        });
    }

    [Fact]
    public async Task SyncRequest_PatchedAsArgoCdUiDoes_RecordsManualOperation()
    {
        await Eventually(async () => Assert.Equal("Synced", await SyncOf("grafana")));
        var patch = new V1Patch("""{"operation":{"initiatedBy":{"username":"oncall"},"sync":{"revision":"main"}}}""", V1Patch.PatchType.MergePatch);

        await _client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "argoproj.io", "v1alpha1", "argocd", "applications", "grafana");

        await Eventually(async () =>
        {
            var app = await Application("grafana");
            Assert.False(app.TryGetProperty("operation", out _));
            Assert.Equal("oncall", app.GetProperty("status").GetProperty("operationState").GetProperty("operation").GetProperty("initiatedBy").GetProperty("username").GetString());
        });
    }

    private async Task<JsonElement> Application(string name)
    {
        var raw = await _client.CustomObjects.GetNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", "argocd", "applications", name);
        return JsonSerializer.SerializeToElement(raw);
    }

    private async Task<string?> HealthOf(string name) =>
        (await Application(name)).GetProperty("status").GetProperty("health").GetProperty("status").GetString();

    private async Task<string?> SyncOf(string name) =>
        (await Application(name)).GetProperty("status").GetProperty("sync").GetProperty("status").GetString();

    private static async Task Eventually(Func<Task> assertion, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(150);
            }
        }
    }
}
