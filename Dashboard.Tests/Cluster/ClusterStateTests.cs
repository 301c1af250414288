using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class ClusterStateTests
{
    [Fact]
    public void Apply_SameResourceVersionTwice_PublishesOnce()
    {
        var state = new ClusterState(configured: true, TimeProvider.System);
        var node = ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true);

        state.Apply(ClusterKind.Nodes, ClusterChangeType.Added, node);
        var version = state.Current.Version;
        state.Apply(ClusterKind.Nodes, ClusterChangeType.Modified, node);

        Assert.Equal(version, state.Current.Version);
    }

    [Fact]
    public async Task Replace_AfterRelist_OnlyDifferencesBecomeChanges()
    {
        var state = new ClusterState(configured: true, TimeProvider.System);
        var kept = ClusterFixtures.Pod("a", "kept", "wsl-worker");
        var gone = ClusterFixtures.Pod("a", "gone", "wsl-worker");
        state.Replace(ClusterKind.Pods, [kept, gone]);
        using var stop = new CancellationTokenSource();
        var changes = new List<ClusterChange>();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in state.WatchAsync(stop.Token))
            {
                changes.Add(change);
                if (changes.Count == 2)
                {
                    return;
                }
            }
        });
        while (state.SubscriberCount == 0)
        {
            await Task.Delay(5);
        }

        var added = ClusterFixtures.Pod("a", "new", "wsl-worker");
        state.Replace(ClusterKind.Pods, [kept, added]);
        await reading.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([("a/gone", ClusterChangeType.Deleted), ("a/new", ClusterChangeType.Added)], changes.Select(c => (c.Key, c.Type)));
        Assert.Equal(["a/kept", "a/new"], state.Current.Pods.Keys.Order());
    }

    [Fact]
    public void MarkStale_Twice_KeepsTheFirstTimeAndRecoversOnLive()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));
        var state = new ClusterState(configured: true, clock);
        foreach (var kind in Enum.GetValues<ClusterKind>())
        {
            state.MarkLive(kind);
        }

        state.MarkStale(ClusterKind.Pods, "connection reset");
        clock.Now += TimeSpan.FromSeconds(30);
        state.MarkStale(ClusterKind.Pods, "503 Service Unavailable");
        var stale = state.Current.Connection;
        state.MarkLive(ClusterKind.Pods);

        Assert.Equal((WatchStatus.Stale, new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero)), (stale.Status, stale.StaleSince!.Value));
        Assert.Equal("Pods: 503 Service Unavailable", stale.Error);
        Assert.True(state.Current.Connection.IsLive);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
