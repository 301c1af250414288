using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

public enum ClusterChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>A watch went live or stale; no object changed.</summary>
    Connection,
}

/// <summary>One change to the snapshot; <see cref="SnapshotVersion"/> is the snapshot that has it.</summary>
/// <param name="Connection">For <see cref="ClusterChangeType.Connection"/>: the kind's new watch state.</param>
public sealed record ClusterChange(ClusterKind Kind, ClusterChangeType Type, string Key, string? ResourceVersion, long SnapshotVersion, KindConnection? Connection = null);

/// <summary>
/// The live cluster, shared by every user: an immutable <see cref="ClusterSnapshot"/> plus a stream
/// of changes (Aspire's IDashboardClient pattern). The watchers are its only writers.
/// </summary>
public sealed class ClusterState
{
    /// <summary>Events churn; the newest this many are enough for an on-call view.</summary>
    public const int MaxEvents = 2_000;

    private readonly Lock _lock = new();
    private readonly List<Channel<ClusterChange>> _subscribers = [];
    private readonly TimeProvider _clock;
    private ClusterSnapshot _snapshot;

    public ClusterState(IOptions<ClusterOptions> options, TimeProvider clock)
        : this(options.Value.ModeKind != ClusterMode.None, clock)
    {
    }

    public ClusterState(bool configured, TimeProvider clock)
    {
        _clock = clock;
        _snapshot = ClusterSnapshot.Empty(configured);
    }

    public ClusterSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Every change from now on, in order. A reader that falls far behind loses the oldest changes
    /// rather than holding the watchers up; it re-reads <see cref="Current"/> anyway.
    /// </summary>
    public async IAsyncEnumerable<ClusterChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ClusterChange>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Applies one watch event. A repeat of the version already held changes nothing.</summary>
    public void Apply(ClusterKind kind, ClusterChangeType type, ClusterObject obj)
    {
        lock (_lock)
        {
            var existing = _snapshot.Find(kind, obj.Key);
            if (type == ClusterChangeType.Deleted)
            {
                if (existing is not null)
                {
                    Commit(With(_snapshot, kind, obj, remove: true), kind, ClusterChangeType.Deleted, obj);
                }
                return;
            }
            if (existing is not null && existing.ResourceVersion == obj.ResourceVersion)
            {
                return;
            }
            Commit(With(_snapshot, kind, obj, remove: false), kind, existing is null ? ClusterChangeType.Added : ClusterChangeType.Modified, obj);
        }
    }

    /// <summary>
    /// A full list (start, or after 410 Gone): only what differs from the snapshot becomes a change,
    /// so a re-list neither repeats unchanged objects nor misses deletions made while disconnected.
    /// </summary>
    public void Replace(ClusterKind kind, IReadOnlyCollection<ClusterObject> listed)
    {
        lock (_lock)
        {
            var keys = listed.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _snapshot.ObjectsOf(kind).Where(o => !keys.Contains(o.Key)).ToList())
            {
                Commit(With(_snapshot, kind, gone, remove: true), kind, ClusterChangeType.Deleted, gone);
            }
            foreach (var obj in listed)
            {
                var existing = _snapshot.Find(kind, obj.Key);
                if (existing is null || existing.ResourceVersion != obj.ResourceVersion)
                {
                    Commit(With(_snapshot, kind, obj, remove: false), kind, existing is null ? ClusterChangeType.Added : ClusterChangeType.Modified, obj);
                }
            }
        }
    }

    public void MarkLive(ClusterKind kind) => SetConnection(kind, WatchStatus.Live, null);

    /// <summary>Keeps the first time it went stale: the page says since when the data is old.</summary>
    public void MarkStale(ClusterKind kind, string error) => SetConnection(kind, WatchStatus.Stale, error);

    private void SetConnection(ClusterKind kind, WatchStatus status, string? error)
    {
        lock (_lock)
        {
            var current = _snapshot.Connections[kind];
            if (current.Status == status && current.Error == error)
            {
                return;
            }
            var since = status == WatchStatus.Stale ? current.StaleSince ?? _clock.GetUtcNow() : (DateTimeOffset?)null;
            var connection = new KindConnection(kind, status, since, error);
            var next = _snapshot with
            {
                Version = _snapshot.Version + 1,
                Connections = _snapshot.Connections.SetItem(kind, connection),
            };
            Publish(next, new ClusterChange(kind, ClusterChangeType.Connection, "", null, next.Version, connection));
        }
    }

    private void Commit(ClusterSnapshot next, ClusterKind kind, ClusterChangeType type, ClusterObject obj)
    {
        next = next with { Version = _snapshot.Version + 1 };
        Publish(next, new ClusterChange(kind, type, obj.Key, obj.ResourceVersion, next.Version));
    }

    private void Publish(ClusterSnapshot next, ClusterChange change)
    {
        Volatile.Write(ref _snapshot, next);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    private static ClusterSnapshot With(ClusterSnapshot snapshot, ClusterKind kind, ClusterObject obj, bool remove) => kind switch
    {
        ClusterKind.Nodes => snapshot with { Nodes = Update(snapshot.Nodes, (ClusterNode)obj, remove) },
        ClusterKind.Pods => snapshot with { Pods = Update(snapshot.Pods, (ClusterPod)obj, remove) },
        ClusterKind.Events => snapshot with { Events = TrimEvents(Update(snapshot.Events, (ClusterEvent)obj, remove)) },
        _ => snapshot with { Applications = Update(snapshot.Applications, (ArgoApplication)obj, remove) },
    };

    private static ImmutableDictionary<string, T> Update<T>(ImmutableDictionary<string, T> map, T obj, bool remove) where T : ClusterObject =>
        remove ? map.Remove(obj.Key) : map.SetItem(obj.Key, obj);

    // Trimmed in one go past a margin, so the scan for the oldest is rare.
    private static ImmutableDictionary<string, ClusterEvent> TrimEvents(ImmutableDictionary<string, ClusterEvent> events) =>
        events.Count <= MaxEvents + (MaxEvents / 10)
            ? events
            : events.RemoveRange(events.Values.OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue).Take(events.Count - MaxEvents).Select(e => e.Key));
}
