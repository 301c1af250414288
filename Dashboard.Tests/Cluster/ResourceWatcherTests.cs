using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;
using MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

/// <summary>The list-watch loop against the sandbox API under its faults: no lost, no duplicated updates.</summary>
public sealed class ResourceWatcherTests
{
    [Fact]
    public async Task Watch_Started_ListsEveryKindAndFollowsChanges()
    {
        await using var harness = await WatchHarness.StartAsync();
        await harness.EventuallyAsync(() => harness.State.Current.Nodes.Count == 2 && harness.State.Current.Applications.Count == 1, "nodes and applications");

        harness.Cluster.Store.Create(SandboxCluster.Pod("p1", "wsl-worker"));
        harness.Cluster.Store.Patch(SandboxResources.Pods, SandboxCluster.Ml, "p1", System.Text.Json.Nodes.JsonNode.Parse("""{"status":{"phase":"Failed"}}""")!);
        await harness.EventuallyAsync(() => harness.State.Current.Pods.GetValueOrDefault("ml-serving/p1")?.Phase == "Failed", "the patched pod");
        harness.Cluster.Store.Delete(SandboxResources.Pods, SandboxCluster.Ml, "p1");
        await harness.EventuallyAsync(() => !harness.State.Current.Pods.ContainsKey("ml-serving/p1"), "the deletion");

        Assert.Equal(["arm64", "amd64"], harness.State.Current.Nodes.Values.OrderBy(n => n.Name).Select(n => n.Architecture));
        Assert.Equal("Synced", harness.State.Current.Application("build-time")!.SyncStatus);
        Assert.Equal(
            [ClusterChangeType.Added, ClusterChangeType.Modified, ClusterChangeType.Deleted],
            harness.PodChanges.Where(c => c.Key == "ml-serving/p1").Select(c => c.Type));
        harness.AssertPodsMatchStore();
        Assert.True(harness.State.Current.Connection.IsLive);
    }

    [Fact]
    public async Task Watch_StreamCutMidEvent_ResumesWithTheCutEventOnceAndNothingLost()
    {
        await using var harness = await WatchHarness.StartAsync();

        Assert.Equal(1, harness.Faults.CutActiveWatchesMidEvent(SandboxResources.Pods));
        for (var i = 0; i < 20; i++)
        {
            harness.Cluster.Store.Create(SandboxCluster.Pod($"cut-{i}", "wsl-worker"));
        }
        await harness.EventuallyAsync(() => harness.State.Current.Pods.ContainsKey("ml-serving/cut-19"), "the pods created around the cut");

        Assert.Contains(harness.Changes, c => c.Connection is { Kind: ClusterKind.Pods, Status: WatchStatus.Stale });
        Assert.Equal(harness.StoreChanges.ToList(), harness.PodChanges.Select(c => (c.Key, c.ResourceVersion!)));
        harness.AssertPodsMatchStore();
        await harness.EventuallyAsync(() => harness.State.Current.Connections[ClusterKind.Pods].Status == WatchStatus.Live, "live again");
    }

    [Fact]
    public async Task Watch_HistoryCompactedThenStreamEnds_RelistsAfter410WithoutRepeats()
    {
        await using var harness = await WatchHarness.StartAsync();
        var before = harness.PodChanges.Count;

        // The watch will resume from a version the server no longer has: 410 Gone, then a re-list.
        harness.Faults.SilenceActiveWatches(SandboxResources.Pods);
        harness.Cluster.Store.Create(SandboxCluster.Pod("during-gap", "wsl-worker"));
        harness.Cluster.Store.Delete(SandboxResources.Pods, SandboxCluster.Ml, "build-time-7d9f8-abcde");
        harness.Faults.CompactHistory();
        harness.Faults.EndActiveWatches(SandboxResources.Pods);
        await harness.EventuallyAsync(() => harness.State.Current.Pods.ContainsKey("ml-serving/during-gap") && !harness.State.Current.Pods.ContainsKey("ml-serving/build-time-7d9f8-abcde"), "the re-list");
        harness.Cluster.Store.Create(SandboxCluster.Pod("after-relist", "wsl-worker"));
        await harness.EventuallyAsync(() => harness.State.Current.Pods.ContainsKey("ml-serving/after-relist"), "watching after the re-list");

        var changes = harness.PodChanges.Skip(before).ToList();
        Assert.Equal(
            [("ml-serving/during-gap", ClusterChangeType.Added), ("ml-serving/build-time-7d9f8-abcde", ClusterChangeType.Deleted), ("ml-serving/after-relist", ClusterChangeType.Added)],
            changes.Select(c => (c.Key, c.Type)).OrderBy(c => c.Key == "ml-serving/after-relist").ThenBy(c => c.Type));
        Assert.Equal(changes.Count, changes.Select(c => (c.Key, c.ResourceVersion)).Distinct().Count());
        harness.AssertPodsMatchStore();
    }

    [Fact]
    public async Task Watch_SilentStream_WatchdogRestartsItAndDeliversWhatWasMissed()
    {
        await using var harness = await WatchHarness.StartAsync(idleTimeout: TimeSpan.FromSeconds(1));

        Assert.Equal(1, harness.Faults.SilenceActiveWatches(SandboxResources.Pods));
        harness.Cluster.Store.Create(SandboxCluster.Pod("while-silent", "wsl-worker"));
        await harness.EventuallyAsync(() => harness.State.Current.Pods.ContainsKey("ml-serving/while-silent"), "the missed pod");
        var stale = harness.Changes.Select(c => c.Connection).OfType<KindConnection>().Single(c => c.Kind == ClusterKind.Pods && c.Status == WatchStatus.Stale);
        await harness.EventuallyAsync(() => harness.State.Current.Connection.IsLive, "live again");

        Assert.StartsWith("nothing received for 1 s", stale.Error);
        Assert.NotNull(stale.StaleSince);
        Assert.Equal(harness.StoreChanges.ToList(), harness.PodChanges.Select(c => (c.Key, c.ResourceVersion!)));
        harness.AssertPodsMatchStore();
    }

    [Fact]
    public async Task Watch_ApiFailsRequests_StaleThenRecoversByBackoff()
    {
        await using var harness = await WatchHarness.StartAsync();

        harness.Faults.FailNextRequests(2, 503);
        harness.Faults.EndActiveWatches(SandboxResources.Pods);
        await harness.EventuallyAsync(() => harness.Changes.Any(c => c.Connection is { Status: WatchStatus.Stale, Error: { } error } && error.Contains("503", StringComparison.Ordinal)), "stale after the failed re-watch");
        harness.Cluster.Store.Create(SandboxCluster.Pod("after-outage", "wsl-worker"));
        await harness.EventuallyAsync(() => harness.State.Current.Pods.ContainsKey("ml-serving/after-outage"), "recovery", TimeSpan.FromSeconds(20));
        await harness.EventuallyAsync(() => harness.State.Current.Connection.IsLive, "live again");

        harness.AssertPodsMatchStore();
    }
}
