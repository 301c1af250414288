using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// The request side of the prediction log: a bounded channel in front of the database writer.
/// Recording never waits; when the writer falls behind and the channel is full, the entry is
/// dropped and counted, and the request goes on as if nothing happened.
/// </summary>
public sealed class PredictionLog
{
    private readonly Channel<PredictionRecord> _pending;
    private readonly PredictionFeed _feed;
    private long _dropped;
    private long _written;
    private long _failed;

    public PredictionLog(IOptions<PredictionApiOptions> options, PredictionFeed feed)
    {
        _feed = feed;
        Capacity = options.Value.Log.Capacity;
        _pending = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(Capacity)
        {
            // Wait (not DropWrite) so TryWrite reports a full channel and the drop can be counted.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Entries dropped because the channel was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entries stored in the database.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Entries lost because the database refused them (after retries).</summary>
    public long FailedWrites => Interlocked.Read(ref _failed);

    public int Pending => _pending.Reader.Count;

    /// <summary>Raised once per dropped entry; metrics count it.</summary>
    public event Action<PredictionRecord>? EntryDropped;

    /// <summary>Queues the entry for the database and shows it live; false when it was dropped.</summary>
    public bool Record(PredictionRecord record)
    {
        _feed.Publish(record);
        if (_pending.Writer.TryWrite(record))
        {
            return true;
        }
        Interlocked.Increment(ref _dropped);
        EntryDropped?.Invoke(record);
        return false;
    }

    internal ChannelReader<PredictionRecord> Reader => _pending.Reader;

    internal void CountWritten(int count) => Interlocked.Add(ref _written, count);

    internal void CountFailed(int count) => Interlocked.Add(ref _failed, count);
}
