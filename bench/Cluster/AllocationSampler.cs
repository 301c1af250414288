using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// The runtime's allocation sampling (one GCAllocationTick event per ~100 KB allocated, naming the
/// type that crossed the threshold): which types a phase of the run allocates most, to tell where
/// garbage-collection pauses come from without a profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    /// <summary>The types that took the most sampled bytes since <see cref="Start"/>.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop(int top)
    {
        _recording = false;
        return [.. _bytesByType.OrderByDescending(p => p.Value).Take(top).Select(p => (p.Key, p.Value))];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is not { } payload)
        {
            return;
        }
        var type = eventData.PayloadNames?.IndexOf("TypeName") is { } i and >= 0 ? payload[i] as string ?? "?" : "?";
        var bytes = eventData.PayloadNames?.IndexOf("AllocationAmount64") is { } j and >= 0 ? Convert.ToInt64(payload[j], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, bytes, (_, total) => total + bytes);
    }
}
