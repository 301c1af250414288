using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// The sandbox cluster's state: Kubernetes objects as JSON exactly as the API serves them, keyed by
/// resource, namespace and name, with one etcd-like resourceVersion counter shared by all kinds.
/// Thread-safe. Every method returns copies; objects passed in are copied, never kept.
/// Failures are <see cref="SandboxApiException"/> (NotFound, AlreadyExists, Conflict, Expired, BadRequest).
/// </summary>
public sealed partial class SandboxObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SandboxResource, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly List<SandboxWatch> _watches = [];
    private readonly ChangeHistory _history;
    private readonly SandboxObjectStoreOptions _options;
    private readonly TimeProvider _time;
    private long _resourceVersion;

    public SandboxObjectStore(SandboxObjectStoreOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new SandboxObjectStoreOptions();
        _time = timeProvider ?? TimeProvider.System;
        _history = new ChangeHistory(_options.HistoryCapacity);
        Logs = new SandboxPodLogs(_options.LogLinesPerContainer, _time);
    }

    /// <summary>
    /// Raised after each committed change, synchronously on the thread that made it and outside the
    /// store's lock (handlers may call the store). Keep handlers short: queue work, don't do it here.
    /// Changes made on different threads may be raised out of resourceVersion order (compare
    /// <see cref="SandboxObjectChange.ResourceVersion"/>, or use <see cref="WatchAsync"/> for strict order).
    /// A handler's exception reaches the code that made the change, which stays committed; for an API
    /// request that is a 500 Status.
    /// </summary>
    public event EventHandler<SandboxObjectChange>? Changed;

    public SandboxPodLogs Logs { get; }

    /// <summary>The newest resourceVersion handed out (0 before the first change).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>The newest resourceVersion a watch can no longer resume from.</summary>
    public long CompactedResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _history.CompactedThrough;
            }
        }
    }

    public JsonObject Create(SandboxResource resource, JsonObject obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        var candidate = Prepare(resource, obj);
        StoredChange change;
        lock (_lock)
        {
            var key = KeyOf(resource, candidate);
            if (Table(resource).ContainsKey(key))
            {
                throw SandboxApiException.AlreadyExists(resource, SandboxObjectMetadata.NameOf(candidate));
            }
            var metadata = SandboxObjectMetadata.MetadataOf(candidate);
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = SandboxObjectMetadata.Timestamp(_time.GetUtcNow());
            if (candidate["spec"] is not null)
            {
                metadata["generation"] = 1L;
            }
            change = Commit(resource, WatchEventType.Added, candidate, previous: null);
        }
        return Publish(change, origin);
    }

    /// <summary>
    /// Replaces an object (spec, status, labels ...). A resourceVersion in <paramref name="obj"/> is an
    /// optimistic-concurrency precondition (409 Conflict if stale); leave it out to overwrite.
    /// uid and creationTimestamp are kept; generation is bumped when spec changes.
    /// </summary>
    public JsonObject Replace(SandboxResource resource, JsonObject obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        var candidate = Prepare(resource, obj);
        StoredChange? change;
        JsonObject current;
        lock (_lock)
        {
            current = Existing(resource, SandboxObjectMetadata.NamespaceOf(candidate), SandboxObjectMetadata.NameOf(candidate));
            CheckPrecondition(resource, current, SandboxObjectMetadata.ResourceVersionTextOf(candidate));
            change = CommitUpdate(resource, current, candidate);
        }
        return change is null ? (JsonObject)current.DeepClone() : Publish(change, origin);
    }

    /// <summary>Creates the object, or replaces it unconditionally when it exists.</summary>
    public JsonObject Upsert(SandboxResource resource, JsonObject obj, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        var candidate = Prepare(resource, obj);
        SandboxObjectMetadata.MetadataOf(candidate).Remove("resourceVersion");
        // Create and Replace each take the lock and publish outside it; retry if another thread
        // creates or deletes the object in between.
        while (true)
        {
            try
            {
                return Get(resource, SandboxObjectMetadata.NamespaceOf(candidate), SandboxObjectMetadata.NameOf(candidate)) is null
                    ? Create(resource, candidate, origin)
                    : Replace(resource, candidate, origin);
            }
            catch (SandboxApiException e) when (e.Reason is "AlreadyExists" or "NotFound")
            {
            }
        }
    }

    /// <summary>
    /// Read-modify-write of one object under the store's lock: <paramref name="change"/> edits a copy,
    /// which is committed unless it is unchanged. The callback must not block.
    /// </summary>
    public JsonObject Mutate(SandboxResource resource, string? @namespace, string name, Action<JsonObject> change, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        StoredChange? committed;
        JsonObject current;
        lock (_lock)
        {
            current = Existing(resource, @namespace, name);
            var candidate = (JsonObject)current.DeepClone();
            change(candidate);
            committed = CommitUpdate(resource, current, candidate);
        }
        return committed is null ? (JsonObject)current.DeepClone() : Publish(committed, origin);
    }

    /// <summary>Replaces only <c>status</c>, like a PUT to the status subresource.</summary>
    public JsonObject ReplaceStatus(SandboxResource resource, string? @namespace, string name, JsonNode? status, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        var copy = status?.DeepClone();
        return Mutate(resource, @namespace, name, obj => obj["status"] = copy, origin);
    }

    /// <summary>
    /// Applies a JSON merge patch (RFC 7386). metadata.resourceVersion in the patch is a precondition;
    /// the patch may not rename or move the object.
    /// </summary>
    public JsonObject Patch(SandboxResource resource, string? @namespace, string name, JsonNode mergePatch, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        if (mergePatch is not JsonObject)
        {
            throw SandboxApiException.BadRequest("a merge patch must be a JSON object");
        }
        StoredChange? committed;
        JsonObject current;
        lock (_lock)
        {
            current = Existing(resource, @namespace, name);
            CheckPrecondition(resource, current, SandboxObjectMetadata.ResourceVersionTextOf(mergePatch));
            if (MergePatch.Apply(current, mergePatch) is not JsonObject candidate)
            {
                throw SandboxApiException.BadRequest("the patch did not produce an object");
            }
            if (SandboxObjectMetadata.NameOf(candidate) != name || SandboxObjectMetadata.NamespaceOf(candidate) != SandboxObjectMetadata.NamespaceOf(current))
            {
                throw SandboxApiException.BadRequest($"the name of the object ({SandboxObjectMetadata.NameOf(candidate)}) does not match the name on the URL ({name})");
            }
            committed = CommitUpdate(resource, current, candidate);
        }
        return committed is null ? (JsonObject)current.DeepClone() : Publish(committed, origin);
    }

    /// <summary>
    /// Removes the object at once (no graceful termination, no cascading) and returns its last state.
    /// A pod's logs go with it, so a new pod of the same name starts with none.
    /// </summary>
    public JsonObject Delete(SandboxResource resource, string? @namespace, string name, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        StoredChange change;
        lock (_lock)
        {
            var current = Existing(resource, @namespace, name);
            Table(resource).Remove(KeyOf(resource, current));
            var final = (JsonObject)current.DeepClone();
            change = Commit(resource, WatchEventType.Deleted, final, current, store: false);
        }
        if (resource.Equals(SandboxResources.Pods))
        {
            Logs.RemovePod(@namespace ?? "", name);
        }
        return Publish(change, origin);
    }

    public bool TryDelete(SandboxResource resource, string? @namespace, string name, SandboxChangeOrigin origin = SandboxChangeOrigin.Sandbox)
    {
        try
        {
            Delete(resource, @namespace, name, origin);
            return true;
        }
        catch (SandboxApiException e) when (e.Code == 404)
        {
            return false;
        }
    }

    public JsonObject? Get(SandboxResource resource, string? @namespace, string name)
    {
        lock (_lock)
        {
            return Table(resource).GetValueOrDefault(Key(resource, @namespace, name))?.DeepClone() as JsonObject;
        }
    }

    /// <param name="namespace">Null for all namespaces (and for cluster-scoped kinds).</param>
    /// <param name="labelSelector">Query-string form, e.g. <c>app=serving,tier in (a,b)</c>.</param>
    /// <param name="fieldSelector">Query-string form, e.g. <c>spec.nodeName=wsl-worker</c>.</param>
    public SandboxObjectList List(SandboxResource resource, string? @namespace = null, string? labelSelector = null, string? fieldSelector = null)
    {
        var list = ListShared(resource, @namespace, LabelSelector.Parse(labelSelector), FieldSelector.Parse(fieldSelector));
        return list with { Items = [.. list.Items.Select(o => (JsonObject)o.DeepClone())] };
    }

    /// <summary>
    /// Changes from <paramref name="fromResourceVersion"/> onward; null, "" or "0" first replays the
    /// current objects as ADDED, as a watch without a resourceVersion does. Throws 410 Expired (on the
    /// first MoveNextAsync) when that version has been compacted away.
    /// </summary>
    public async IAsyncEnumerable<SandboxWatchEvent> WatchAsync(
        SandboxResource resource,
        string? @namespace,
        string? fromResourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        string? labelSelector = null,
        string? fieldSelector = null)
    {
        using var watch = OpenWatch(resource, @namespace, fromResourceVersion, LabelSelector.Parse(labelSelector), FieldSelector.Parse(fieldSelector));
        await foreach (var watchEvent in watch.Events.ReadAllAsync(cancellationToken))
        {
            yield return watchEvent with { Object = (JsonObject)watchEvent.Object.DeepClone() };
        }
    }

    /// <summary>Drops all retained history: resuming any earlier watch now yields 410, as after an etcd compaction.</summary>
    public void CompactHistory()
    {
        lock (_lock)
        {
            _history.Compact(_resourceVersion);
        }
    }

    internal SandboxObjectList ListShared(SandboxResource resource, string? @namespace, LabelSelector labels, FieldSelector fields)
    {
        lock (_lock)
        {
            var items = Table(resource).Values
                .Where(o => (@namespace is null || SandboxObjectMetadata.NamespaceOf(o) == @namespace) && labels.Matches(o) && fields.Matches(o))
                .ToList();
            return new SandboxObjectList(_resourceVersion, items);
        }
    }

    internal SandboxWatch OpenWatch(SandboxResource resource, string? @namespace, string? fromResourceVersion, LabelSelector labels, FieldSelector fields)
    {
        var watch = new SandboxWatch(this, resource, @namespace, labels, fields, _options.WatchBufferLimit);
        lock (_lock)
        {
            if (fromResourceVersion is null or "" or "0")
            {
                foreach (var obj in Table(resource).Values.Where(watch.Matches))
                {
                    watch.OfferInitial(obj);
                }
            }
            else
            {
                var from = ParseResourceVersion(fromResourceVersion);
                if (!_history.CanResumeFrom(from))
                {
                    throw SandboxApiException.Expired(from, _history.CompactedThrough);
                }
                foreach (var change in _history.After(from))
                {
                    watch.Offer(change, live: false);
                }
            }
            _watches.Add(watch);
        }
        return watch;
    }

    internal void RequestBookmark(SandboxWatch watch)
    {
        lock (_lock)
        {
            if (!watch.IsClosed)
            {
                watch.OfferBookmark(_resourceVersion);
            }
        }
    }

    internal void Unsubscribe(SandboxWatch watch)
    {
        lock (_lock)
        {
            _watches.Remove(watch);
            watch.Close();
        }
    }

    internal static long ParseResourceVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw SandboxApiException.BadRequest($"invalid resource version: \"{text}\"");
}
