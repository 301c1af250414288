using System.Collections.Concurrent;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// Fault injection for tests of a client's watch loop. Each method acts on the watch streams open
/// at the time of the call (optionally only those of one resource) and returns how many it hit;
/// streams opened later behave normally, so a client that reconnects recovers.
/// </summary>
public sealed class SandboxApiFaults
{
    private readonly SandboxObjectStore _store;
    private readonly ConcurrentDictionary<long, ActiveWatchStream> _streams = new();
    private long _nextStreamId;
    private int _failuresLeft;
    private int _failureCode;

    internal SandboxApiFaults(SandboxObjectStore store) => _store = store;

    public int ActiveWatchCount(SandboxResource? resource = null) => Select(resource).Count();

    /// <summary>Waits until at least <paramref name="count"/> watch streams are open (polling; for tests).</summary>
    public async Task WaitForActiveWatchesAsync(SandboxResource? resource, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (ActiveWatchCount(resource) < count)
        {
            try
            {
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{ActiveWatchCount(resource)} of {count} watch streams open after {timeout}");
            }
        }
    }

    /// <summary>
    /// Each stream writes the first half of its next event, then the connection is aborted — a
    /// connection reset mid-chunk. The event is not lost to a client that resumes from its last resourceVersion.
    /// </summary>
    public int CutActiveWatchesMidEvent(SandboxResource? resource = null) => ForEach(resource, s => s.ArmCut());

    /// <summary>
    /// Streams stay open but send nothing more — no events, no bookmarks, and no close at their
    /// timeout — like a half-dead connection. Only the client (a watchdog) or <see cref="EndActiveWatches"/> ends them.
    /// </summary>
    public int SilenceActiveWatches(SandboxResource? resource = null) => ForEach(resource, s => s.Silenced = true);

    /// <summary>Streams end cleanly at once, as when a watch reaches its timeout.</summary>
    public int EndActiveWatches(SandboxResource? resource = null) => ForEach(resource, s => s.End());

    /// <summary>Forgets watch history, so resuming from any earlier resourceVersion yields 410 Expired.</summary>
    public void CompactHistory() => _store.CompactHistory();

    /// <summary>The next <paramref name="count"/> authenticated requests fail with this status code (500, 503, 429 ...).</summary>
    public void FailNextRequests(int count, int statusCode = 503)
    {
        Volatile.Write(ref _failureCode, statusCode);
        Volatile.Write(ref _failuresLeft, count);
    }

    internal bool TryTakeRequestFailure(out int statusCode)
    {
        statusCode = Volatile.Read(ref _failureCode);
        while (true)
        {
            var left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    internal ActiveWatchStream Register(SandboxResource resource)
    {
        var id = Interlocked.Increment(ref _nextStreamId);
        var stream = new ActiveWatchStream(resource, () => _streams.TryRemove(id, out _));
        _streams[id] = stream;
        return stream;
    }

    private IEnumerable<ActiveWatchStream> Select(SandboxResource? resource) =>
        _streams.Values.Where(s => resource is null || s.Resource.Equals(resource));

    private int ForEach(SandboxResource? resource, Action<ActiveWatchStream> fault)
    {
        var hit = 0;
        foreach (var stream in Select(resource))
        {
            fault(stream);
            hit++;
        }
        return hit;
    }
}

/// <summary>The fault switches of one open watch stream, read by the watch endpoint.</summary>
internal sealed class ActiveWatchStream(SandboxResource resource, Action unregister) : IDisposable
{
    // Never disposed: it has no timer, and a fault may cancel it while the stream is finishing.
    private readonly CancellationTokenSource _ended = new();
    private int _cutArmed;
    private volatile bool _silenced;

    public SandboxResource Resource { get; } = resource;

    public bool Silenced
    {
        get => _silenced;
        set => _silenced = value;
    }

    public CancellationToken Ended => _ended.Token;

    public void ArmCut() => Volatile.Write(ref _cutArmed, 1);

    public bool TakeCut() => Interlocked.Exchange(ref _cutArmed, 0) == 1;

    public void End() => _ended.Cancel();

    public void Dispose() => unregister();
}
