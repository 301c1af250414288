namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// The bounded window of past changes that watches resume from, like the API server's watch
/// cache over etcd: one entry per resourceVersion, so the retained range is contiguous.
/// Not thread-safe; the store calls it under its lock.
/// </summary>
internal sealed class ChangeHistory(int capacity)
{
    private readonly Queue<StoredChange> _changes = new();

    /// <summary>The newest resourceVersion no longer retained; resuming from below it is impossible.</summary>
    public long CompactedThrough { get; private set; }

    public int Count => _changes.Count;

    public void Add(StoredChange change)
    {
        _changes.Enqueue(change);
        while (_changes.Count > capacity)
        {
            CompactedThrough = _changes.Dequeue().ResourceVersion;
        }
    }

    public bool CanResumeFrom(long resourceVersion) => resourceVersion >= CompactedThrough;

    public IEnumerable<StoredChange> After(long resourceVersion) => _changes.Where(c => c.ResourceVersion > resourceVersion);

    /// <summary>Forgets everything up to <paramref name="through"/>, as an etcd compaction does.</summary>
    public void Compact(long through)
    {
        _changes.Clear();
        CompactedThrough = Math.Max(CompactedThrough, through);
    }
}
