using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

public sealed class SandboxKubernetesApiWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private SandboxCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await SandboxCluster.StartAsync(new SandboxKubernetesApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Kubernetes Client => _cluster.Client;

    private SandboxObjectStore Store => _cluster.Store;

    [Fact]
    public async Task WatchPods_FromListResourceVersion_ReceivesLaterChangesInOrder()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        // One change lands between the list and the watch: resuming from the list's version must not lose it.
        Store.Create(SandboxCluster.Pod("a", "wsl-worker", "Pending"));
        await using var watch = WatchPods(list.ResourceVersion());
        await _cluster.Server.Faults.WaitForActiveWatchesAsync(SandboxResources.Pods, 1, TimeSpan.FromSeconds(5));
        Store.Patch(SandboxResources.Pods, SandboxCluster.Ml, "a", System.Text.Json.Nodes.JsonNode.Parse("""{"status":{"phase":"Running"}}""")!);
        Store.Delete(SandboxResources.Pods, SandboxCluster.Ml, "a");
        Store.Create(SandboxCluster.Pod("b", "wsl-worker"));

        var seen = new List<(WatchEventType, string, string)>();
        for (var i = 0; i < 4; i++)
        {
            var (type, pod) = await watch.NextChangeAsync();
            seen.Add((type, pod.Metadata.Name, pod.Status?.Phase ?? ""));
        }

        Assert.Equal(
            [(WatchEventType.Added, "a", "Pending"), (WatchEventType.Modified, "a", "Running"), (WatchEventType.Deleted, "a", "Running"), (WatchEventType.Added, "b", "Running")],
            seen);
        Assert.False(watch.TryTake(out _));
    }

    [Fact]
    public async Task WatchPods_ConcurrentWriters_DeliversEveryChangeOnceInResourceVersionOrder()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        await using var watch = WatchPods(list.ResourceVersion());
        const int writers = 4;
        const int perWriter = 50;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                Store.Create(SandboxCluster.Pod($"w{w}-{i}", "wsl-worker"));
                Store.Create(new V1Node { Metadata = new V1ObjectMeta { Name = $"noise-{w}-{i}" } });
            }
        })));
        var versions = new List<long>();
        while (versions.Count < writers * perWriter)
        {
            var (type, pod) = await watch.NextChangeAsync();
            Assert.Equal(WatchEventType.Added, type);
            versions.Add(long.Parse(pod.ResourceVersion()));
        }

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.False(watch.TryTake(out var extra) && extra.Type != WatchEventType.Bookmark);
    }

    [Fact]
    public async Task WatchPods_NoResourceVersion_StartsWithSyntheticAdded()
    {
        await using var watch = WatchPods(resourceVersion: null);

        var (type, pod) = await watch.NextChangeAsync();

        Assert.Equal((WatchEventType.Added, "build-time-7d9f8-abcde"), (type, pod.Metadata.Name));
    }

    [Fact]
    public async Task WatchPods_AllowBookmarks_BookmarksAdvanceResourceVersion()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        await using var watch = WatchPods(list.ResourceVersion(), allowBookmarks: true);
        var first = await watch.NextAsync();
        // A change to another kind moves the global resourceVersion without any pod event.
        var node = Store.Create(new V1Node { Metadata = new V1ObjectMeta { Name = "spare" } });

        (WatchEventType Type, V1Pod Object) bookmark;
        do
        {
            bookmark = await watch.NextAsync();
            Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        }
        while (bookmark.Object.ResourceVersion() != node.ResourceVersion());

        Assert.Equal(WatchEventType.Bookmark, first.Type);
        Assert.Equal(list.ResourceVersion(), first.Object.ResourceVersion());
        Assert.Equal("Pod", bookmark.Object.Kind);
        Assert.Null(bookmark.Object.Metadata.Name);
    }

    [Fact]
    public async Task WatchPods_ResourceVersionCompacted_ReportsExpired410ThroughOnError()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        Store.Create(SandboxCluster.Pod("a", "wsl-worker"));
        _cluster.Server.Faults.CompactHistory();

        await using var watch = WatchPods(list.ResourceVersion());

        Assert.True(await watch.EndsWithinAsync(TimeSpan.FromSeconds(5)));
        var error = Assert.IsType<KubernetesException>(Assert.Single(watch.Errors));
        Assert.Equal((410, "Expired"), (error.Status.Code, error.Status.Reason));
        Assert.StartsWith("too old resource version: ", error.Status.Message);
        Assert.False(watch.TryTake(out _));
    }

    [Fact]
    public async Task ListPods_ExactResourceVersionCompacted_Returns410()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        Store.Create(SandboxCluster.Pod("a", "wsl-worker"));
        Store.CompactHistory();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml, resourceVersion: list.ResourceVersion(), resourceVersionMatch: "Exact"));

        Assert.Equal(HttpStatusCode.Gone, error.Response.StatusCode);
    }

    [Fact]
    public async Task WatchApplications_MergePatch_DeliversModifiedWithOperation()
    {
        var list = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync("argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications");
        var listVersion = list.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        await using var watch = WatchRecorder<JsonElement>.StartFromListRequest(token => Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
            "argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications", resourceVersion: listVersion, watch: true, cancellationToken: token));

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"operation":{"sync":{"revision":"main"}}}""", V1Patch.PatchType.MergePatch), "argoproj.io", "v1alpha1", SandboxCluster.ArgoCd, "applications", "build-time");
        var (type, app) = await watch.NextChangeAsync();

        Assert.Equal(WatchEventType.Modified, type);
        Assert.Equal("main", app.GetProperty("operation").GetProperty("sync").GetProperty("revision").GetString());
        Assert.True(long.Parse(app.GetProperty("metadata").GetProperty("resourceVersion").GetString()!) > long.Parse(listVersion!));
    }

    [Fact]
    public async Task WatchDeployments_ScalePatch_DeliversModifiedWithReplicas()
    {
        var list = await Client.AppsV1.ListNamespacedDeploymentAsync(SandboxCluster.Ml);
        await using var watch = WatchRecorder<V1Deployment>.Start((onError, token) => Client.AppsV1.WatchListNamespacedDeploymentAsync(
            SandboxCluster.Ml, resourceVersion: list.ResourceVersion(), onError: onError, cancellationToken: token));

        await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "build-time", SandboxCluster.Ml);
        var (type, deployment) = await watch.NextChangeAsync();

        Assert.Equal((WatchEventType.Modified, 2), (type, deployment.Spec.Replicas));
    }

    [Fact]
    public async Task WatchPods_TimeoutSeconds_EndsStreamCleanly()
    {
        await using var watch = WatchRecorder<V1Pod>.Start((onError, token) => Client.CoreV1.WatchListNamespacedPodAsync(
            SandboxCluster.Ml, timeoutSeconds: 1, onError: onError, cancellationToken: token));

        Assert.True(await watch.EndsWithinAsync(TimeSpan.FromSeconds(5)));
        await watch.Completion;
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task CutActiveWatchesMidEvent_ThenResume_EventArrivesOnceOnNewWatch()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        var cut = WatchPods(list.ResourceVersion());
        await _cluster.Server.Faults.WaitForActiveWatchesAsync(SandboxResources.Pods, 1, TimeSpan.FromSeconds(5));

        Assert.Equal(1, _cluster.Server.Faults.CutActiveWatchesMidEvent(SandboxResources.Pods));
        Store.Create(SandboxCluster.Pod("a", "wsl-worker"));
        Assert.True(await cut.EndsWithinAsync(TimeSpan.FromSeconds(5)));
        Assert.False(cut.TryTake(out var half) && half.Type != WatchEventType.Bookmark, "a half-written event must not surface");
        await cut.DisposeAsync();

        await using var resumed = WatchPods(list.ResourceVersion());
        var (type, pod) = await resumed.NextChangeAsync();
        Assert.Equal((WatchEventType.Added, "a"), (type, pod.Metadata.Name));
    }

    [Fact]
    public async Task SilenceActiveWatches_ChangesAfterwards_NothingArrivesUntilEnded()
    {
        var list = await Client.CoreV1.ListNamespacedPodAsync(SandboxCluster.Ml);
        await using var watch = WatchPods(list.ResourceVersion(), allowBookmarks: true, timeoutSeconds: 1);
        await watch.NextAsync();

        Assert.Equal(1, _cluster.Server.Faults.SilenceActiveWatches());
        while (watch.TryTake(out _))
        {
        }
        Store.Create(SandboxCluster.Pod("a", "wsl-worker"));

        Assert.False(await watch.EndsWithinAsync(TimeSpan.FromSeconds(1.5)), "a silent stream outlives its timeoutSeconds");
        Assert.False(watch.TryTake(out _));
        Assert.Equal(1, _cluster.Server.Faults.EndActiveWatches());
        Assert.True(await watch.EndsWithinAsync(TimeSpan.FromSeconds(5)));
    }

    private WatchRecorder<V1Pod> WatchPods(string? resourceVersion, bool allowBookmarks = false, int? timeoutSeconds = null) =>
        WatchRecorder<V1Pod>.Start((onError, token) => Client.CoreV1.WatchListNamespacedPodAsync(
            SandboxCluster.Ml,
            allowWatchBookmarks: allowBookmarks,
            resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds,
            onError: onError,
            cancellationToken: token));
}
