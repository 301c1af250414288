using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

// Everything here goes through the real KubernetesClient, as the dashboard's adapters do.
public sealed class SandboxKubernetesApiServerTests : IAsyncLifetime
{
    private SandboxCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SandboxCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Kubernetes Client => _cluster.Client;

    [Fact]
    public async Task Version_Requested_ReportsK3s()
    {
        var version = await Client.Version.GetCodeAsync();

        Assert.Equal("v1.31.4+k3s1", version.GitVersion);
        Assert.Equal("31", version.Minor);
    }

    [Fact]
    public async Task ListNode_Seeded_ReturnsBothNodesWithListResourceVersion()
    {
        var nodes = await Client.CoreV1.ListNodeAsync();

        Assert.Equal(["mac-m2", "wsl-worker"], nodes.Items.Select(n => n.Metadata.Name));
        Assert.Equal(_cluster.Store.ResourceVersion.ToString(), nodes.Metadata.ResourceVersion);
        Assert.All(nodes.Items, n => Assert.False(string.IsNullOrEmpty(n.Metadata.Uid)));
    }

    [Fact]
    public async Task ListPod_FieldAndLabelSelectors_Filter()
    {
        _cluster.Store.Create(SandboxCluster.Pod("mlflow-0", "mac-m2"));

        var onWorker = await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=wsl-worker,status.phase=Running");
        var byLabel = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml, labelSelector: "app in (build-time,other)");
        var none = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml, labelSelector: "app!=build-time");

        Assert.Equal(["build-time-7d9f8-abcde"], onWorker.Items.Select(p => p.Metadata.Name));
        Assert.Equal(2, byLabel.Items.Count);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task ListPod_BadLabelSelector_Returns400Status()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml, labelSelector: "app in (x"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"BadRequest\"", error.Response.Content);
    }

    [Fact]
    public async Task ListEvent_Seeded_ReturnsCoreV1Event()
    {
        var events = await Client.CoreV1.ListNamespacedEventAsync(SandboxCluster.Ml, fieldSelector: "involvedObject.name=build-time-7d9f8-abcde");

        var only = Assert.Single(events.Items);
        Assert.Equal("Started", only.Reason);
    }

    [Fact]
    public async Task ReadNamespacedPod_Exists_ReturnsPod()
    {
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("build-time-7d9f8-abcde", SandboxCluster.Ml);

        Assert.Equal("wsl-worker", pod.Spec.NodeName);
        Assert.Equal("Pod", pod.Kind);
        Assert.NotNull(pod.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task ReadNamespacedPod_Missing_Returns404Status()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedPodAsync("nope", SandboxCluster.Ml));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(("Status", "Failure", "NotFound", 404), (status.Kind, status.Status, status.Reason, status.Code));
        Assert.Equal("pods \"nope\" not found", status.Message);
    }

    [Fact]
    public async Task ListNode_WithoutToken_Returns401Status()
    {
        var config = _cluster.Endpoint.ToClientConfiguration();
        config.AccessToken = null;
        using var anonymous = new Kubernetes(config);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ListNodeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
        Assert.Equal("Unauthorized", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
    }

    [Fact]
    public async Task ListNode_WrongToken_Returns401()
    {
        var config = _cluster.Endpoint.ToClientConfiguration();
        config.AccessToken = "not-the-token";
        using var intruder = new Kubernetes(config);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => intruder.CoreV1.ListNodeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
    }

    [Fact]
    public async Task ListApplications_CustomObjects_ReturnsApplicationWithKind()
    {
        var list = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications");
        var all = (JsonElement)await Client.CustomObjects.ListClusterCustomObjectAsync("argoproj.io", "v1alpha1", "applications");

        Assert.Equal("ApplicationList", list.GetProperty("kind").GetString());
        var app = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Application", app.GetProperty("kind").GetString());
        Assert.Equal("Synced", app.GetProperty("status").GetProperty("sync").GetProperty("status").GetString());
        Assert.Single(all.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PatchApplication_MergePatchOperation_ChangesObjectAndRaisesChanged()
    {
        var before = _cluster.Store.Get(SandboxResources.Applications, SandboxCluster.ArgoCd, "build-time")!;
        var changes = new List<SandboxObjectChange>();
        _cluster.Store.Changed += (_, change) => changes.Add(change);
        var patch = """{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"hard"}},"operation":{"initiatedBy":{"username":"alice"},"sync":{"revision":"main","prune":true}}}""";

        var result = (JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications", "build-time");

        Assert.Equal("hard", result.GetProperty("metadata").GetProperty("annotations").GetProperty("argocd.argoproj.io/refresh").GetString());
        Assert.Equal("alice", result.GetProperty("operation").GetProperty("initiatedBy").GetProperty("username").GetString());
        Assert.True(long.Parse(result.GetProperty("metadata").GetProperty("resourceVersion").GetString()!) > long.Parse(before["metadata"]!["resourceVersion"]!.GetValue<string>()));
        Assert.Equal(1, result.GetProperty("metadata").GetProperty("generation").GetInt64());
        var change = Assert.Single(changes);
        Assert.Equal((WatchEventType.Modified, SandboxChangeOrigin.ApiClient), (change.Type, change.Origin));
        Assert.NotNull(change.Object["operation"]);
        Assert.Null(change.Previous!["operation"]);
    }

    [Fact]
    public async Task PatchApplication_StaleResourceVersion_Returns409Conflict()
    {
        var patch = """{"metadata":{"resourceVersion":"1"},"spec":{"source":{"targetRevision":"v2"}}}""";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications", "build-time"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task PatchDeployment_JsonPatch_Returns415()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/replicas","value":2}]""", V1Patch.PatchType.JsonPatch), "build-time", SandboxCluster.Ml));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.Response.StatusCode);
    }

    [Fact]
    public async Task PatchDeploymentScale_MergePatch_SetsReplicasAndBumpsGeneration()
    {
        var before = await Client.AppsV1.ReadNamespacedDeploymentAsync("build-time", SandboxCluster.Ml);

        var scale = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "build-time", SandboxCluster.Ml);
        var after = await Client.AppsV1.ReadNamespacedDeploymentAsync("build-time", SandboxCluster.Ml);

        Assert.Equal(3, scale.Spec.Replicas);
        Assert.Equal("app=build-time", scale.Status.Selector);
        Assert.Equal(3, after.Spec.Replicas);
        Assert.Equal(before.Metadata.Generation + 1, after.Metadata.Generation);
        Assert.True(long.Parse(after.ResourceVersion()) > long.Parse(before.ResourceVersion()));
        Assert.Equal(after.ResourceVersion(), scale.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task PatchDeployment_StrategicMergeReplicas_ChangesSpec()
    {
        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.StrategicMergePatch), "build-time", SandboxCluster.Ml);

        Assert.Equal(0, patched.Spec.Replicas);
        Assert.Equal("predictor", Assert.Single(patched.Spec.Template.Spec.Containers).Name);
    }

    [Fact]
    public async Task ReadPodLog_TailLines_ReturnsLastLines()
    {
        _cluster.Store.Logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "one\ntwo\nthree");

        var all = await ReadLogAsync(Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml));
        var tail = await ReadLogAsync(Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml, container: "predictor", tailLines: 2));

        Assert.Equal("one\ntwo\nthree\n", all);
        Assert.Equal("two\nthree\n", tail);
    }

    [Fact]
    public async Task ReadPodLog_PreviousAfterRestart_ReturnsEarlierInstance()
    {
        var logs = _cluster.Store.Logs;
        logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "OOMKilled soon");
        logs.RestartContainer(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor");
        logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "started again");

        var previous = await ReadLogAsync(Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml, previous: true));
        var current = await ReadLogAsync(Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml, timestamps: true));

        Assert.Equal("OOMKilled soon\n", previous);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z started again\n$", current);
    }

    [Fact]
    public async Task ReadPodLog_Follow_StreamsAppendsUntilRestart()
    {
        var logs = _cluster.Store.Logs;
        logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "first");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml, follow: true, cancellationToken: timeout.Token);
        using var reader = new StreamReader(stream);

        var first = await reader.ReadLineAsync(timeout.Token);
        logs.Append(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor", "second");
        var second = await reader.ReadLineAsync(timeout.Token);
        logs.RestartContainer(SandboxCluster.Ml, "build-time-7d9f8-abcde", "predictor");
        var end = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal(("first", "second", (string?)null), (first, second, end));
    }

    [Fact]
    public async Task ReadPodLog_NoPreviousInstance_Returns400()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedPodLogAsync("build-time-7d9f8-abcde", SandboxCluster.Ml, previous: true));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("previous terminated container", error.Response.Content);
    }

    [Fact]
    public async Task ReadPodLog_SeveralContainersNoneNamed_Returns400()
    {
        _cluster.Store.Create(SandboxCluster.Pod("training-0", "wsl-worker", "Running", "trainer", "sidecar"));

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedPodLogAsync("training-0", SandboxCluster.Ml));

        Assert.Contains("choose one of: [trainer sidecar]", error.Response.Content);
    }

    [Fact]
    public async Task FailNextRequests_Armed_FailsThatManyThenRecovers()
    {
        _cluster.Server.Faults.FailNextRequests(1, 503);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNodeAsync());
        var nodes = await Client.CoreV1.ListNodeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Equal(2, nodes.Items.Count);
    }

    [Fact]
    public async Task BuildConfigFromConfigFile_WrittenKubeconfig_ConnectsWithToken()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-kubeconfig-{Guid.NewGuid():N}");
        try
        {
            KubeconfigWriter.Write(path, _cluster.Endpoint);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.Equal([SandboxCluster.ArgoCd, SandboxCluster.Ml], namespaces.Items.Select(n => n.Metadata.Name));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> ReadLogAsync(Task<Stream> request)
    {
        await using var stream = await request;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
