using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// One open watch on the store. The store writes into it under its lock, so events and bookmarks
/// reach the reader in resourceVersion order. Objects it carries are shared: read, never mutate.
/// </summary>
internal sealed class SandboxWatch : IDisposable
{
    private readonly SandboxObjectStore _store;
    private readonly string? _namespace;
    private readonly LabelSelector _labels;
    private readonly FieldSelector _fields;
    private readonly int _bufferLimit;
    // Not SingleReader: that variant cannot report Count, which the buffer limit needs.
    private readonly Channel<SandboxWatchEvent> _channel = Channel.CreateUnbounded<SandboxWatchEvent>();

    internal SandboxWatch(SandboxObjectStore store, SandboxResource resource, string? @namespace, LabelSelector labels, FieldSelector fields, int bufferLimit)
    {
        _store = store;
        Resource = resource;
        _namespace = @namespace;
        _labels = labels;
        _fields = fields;
        _bufferLimit = bufferLimit;
    }

    public SandboxResource Resource { get; }

    public ChannelReader<SandboxWatchEvent> Events => _channel.Reader;

    public bool IsClosed { get; private set; }

    /// <summary>Queues a BOOKMARK at the store's current resourceVersion, after every event up to it.</summary>
    public void RequestBookmark() => _store.RequestBookmark(this);

    public void Dispose() => _store.Unsubscribe(this);

    internal bool Matches(JsonObject obj) =>
        (_namespace is null || SandboxObjectMetadata.NamespaceOf(obj) == _namespace) && _labels.Matches(obj) && _fields.Matches(obj);

    internal void OfferInitial(JsonObject obj) => _channel.Writer.TryWrite(new SandboxWatchEvent(WatchEventType.Added, obj));

    // An object moving into or out of the selection is seen as ADDED or DELETED, as Kubernetes does.
    internal void Offer(StoredChange change, bool live)
    {
        if (IsClosed || !change.Resource.Equals(Resource))
        {
            return;
        }
        var was = change.Previous is not null && Matches(change.Previous);
        var now = change.Type != WatchEventType.Deleted && Matches(change.Object);
        WatchEventType? type = (was, now) switch
        {
            (false, true) => WatchEventType.Added,
            (true, true) => WatchEventType.Modified,
            (true, false) => WatchEventType.Deleted,
            _ => null,
        };
        if (type is { } eventType)
        {
            Write(new SandboxWatchEvent(eventType, change.Object), live);
        }
    }

    internal void OfferBookmark(long resourceVersion)
    {
        var bookmark = new JsonObject
        {
            ["kind"] = Resource.Kind,
            ["apiVersion"] = Resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        Write(new SandboxWatchEvent(WatchEventType.Bookmark, bookmark), live: true);
    }

    internal void Close()
    {
        IsClosed = true;
        _channel.Writer.TryComplete();
    }

    // A reader that falls this far behind is dropped, as the API server drops unresponsive watchers;
    // the client sees the stream end and re-watches from its last resourceVersion.
    private void Write(SandboxWatchEvent watchEvent, bool live)
    {
        if (live && _channel.Reader.Count >= _bufferLimit)
        {
            Close();
            return;
        }
        _channel.Writer.TryWrite(watchEvent);
    }
}
