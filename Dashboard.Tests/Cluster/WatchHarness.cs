using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Kubernetes;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;
using MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

/// <summary>
/// The real watchers against a started sandbox API server (bookmarks every 100 ms), recording every
/// change <see cref="ClusterState"/> publishes and every change the store commits, to compare.
/// </summary>
public sealed class WatchHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private Task _recording = Task.CompletedTask;
    private int _listed;

    private WatchHarness(SandboxCluster cluster, TimeSpan idleTimeout)
    {
        Cluster = cluster;
        State = new ClusterState(configured: true, TimeProvider.System);
        Settings = new WatchSettings(idleTimeout, ServerTimeoutSeconds: 60);
        cluster.Store.Changed += (_, change) =>
        {
            if (change.Resource.Equals(SandboxResources.Pods))
            {
                StoreChanges.Enqueue(($"{change.Namespace}/{change.Name}", change.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        };
    }

    public SandboxCluster Cluster { get; }

    public ClusterState State { get; }

    public WatchSettings Settings { get; }

    public ConcurrentQueue<ClusterChange> Changes { get; } = new();

    /// <summary>Pod changes the store committed after the harness started, in commit order per thread.</summary>
    public ConcurrentQueue<(string Key, string ResourceVersion)> StoreChanges { get; } = new();

    public SandboxApiFaults Faults => Cluster.Server.Faults;

    public static async Task<WatchHarness> StartAsync(TimeSpan? idleTimeout = null)
    {
        var cluster = await SandboxCluster.StartAsync(new SandboxKubernetesApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        var harness = new WatchHarness(cluster, idleTimeout ?? TimeSpan.FromSeconds(30));
        harness._recording = harness.RecordAsync();
        IKubernetes Client() => cluster.Client;
        harness._running.Add(new ResourceWatcher<V1Pod, V1PodList>(WatchedKinds.Pods, Client, harness.State, harness.Settings, TimeProvider.System, NullLogger.Instance).RunAsync(harness._stop.Token));
        harness._running.Add(new ResourceWatcher<V1Node, V1NodeList>(WatchedKinds.Nodes, Client, harness.State, harness.Settings, TimeProvider.System, NullLogger.Instance).RunAsync(harness._stop.Token));
        harness._running.Add(new ResourceWatcher<Corev1Event, Corev1EventList>(WatchedKinds.Events, Client, harness.State, harness.Settings, TimeProvider.System, NullLogger.Instance).RunAsync(harness._stop.Token));
        harness._running.Add(new ResourceWatcher<System.Text.Json.JsonElement, object>(WatchedKinds.Applications, Client, harness.State, harness.Settings, TimeProvider.System, NullLogger.Instance).RunAsync(harness._stop.Token));
        await harness.EventuallyAsync(() => harness.State.Current.Connections[ClusterKind.Pods].Status == WatchStatus.Live && harness.State.Current.Pods.Count > 0, "the first list");
        await cluster.Server.Faults.WaitForActiveWatchesAsync(SandboxResources.Pods, 1, TimeSpan.FromSeconds(10));
        await harness.EventuallyAsync(() => harness.State.Current.Connection.IsLive, "every kind live");
        harness._listed = harness.Changes.Count(c => c.Kind == ClusterKind.Pods && c.Type != ClusterChangeType.Connection);
        return harness;
    }

    /// <summary>Pod changes after the first list.</summary>
    public IReadOnlyList<ClusterChange> PodChanges => [.. Changes.Where(c => c.Kind == ClusterKind.Pods && c.Type != ClusterChangeType.Connection).Skip(_listed)];

    /// <summary>
    /// Waits until <paramref name="condition"/> holds and the recorded changes have caught up with the
    /// snapshot it held on: the state publishes its snapshot before its subscribers read the change.
    /// </summary>
    public async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        await UntilAsync(condition, what, deadline);
        var seen = State.Current.Version;
        await UntilAsync(() => Changes.LastOrDefault()?.SnapshotVersion >= seen, $"the changes up to {what}", deadline);
    }

    private static async Task UntilAsync(Func<bool> condition, string what, DateTime deadline)
    {
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The snapshot holds exactly the store's pods at the store's versions.</summary>
    public void AssertPodsMatchStore()
    {
        var store = Cluster.Store.List(SandboxResources.Pods).Items
            .ToDictionary(p => $"{SandboxObjectMetadata.NamespaceOf(p)}/{SandboxObjectMetadata.NameOf(p)}", p => SandboxObjectMetadata.ResourceVersionOf(p).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var state = State.Current.Pods.ToDictionary(p => p.Key, p => p.Value.ResourceVersion);
        Assert.Equal(store.OrderBy(p => p.Key), state.OrderBy(p => p.Key));
    }

    // Subscribes before it first returns (the iterator runs synchronously up to its first wait), so
    // the watchers started next cannot publish a change the recording misses.
    private async Task RecordAsync()
    {
        try
        {
            await foreach (var change in State.WatchAsync(_stop.Token))
            {
                Changes.Enqueue(change);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        await _recording;
        _stop.Dispose();
        await Cluster.DisposeAsync();
    }
}
