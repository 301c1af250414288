using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// Recent predictions in memory for the live page: a snapshot of the last N plus a stream of new
/// ones. A slow page loses its oldest unseen entries (each subscriber has its own small buffer);
/// it never slows the API.
/// </summary>
public sealed class PredictionFeed(IOptions<PredictionApiOptions> options)
{
    private const int SubscriberBuffer = 4_096;

    private readonly PredictionRecord?[] _ring = new PredictionRecord?[options.Value.Log.RecentCount];
    private readonly Lock _gate = new();
    private readonly List<Channel<PredictionRecord>> _subscribers = [];
    private long _next;

    public void Publish(PredictionRecord record)
    {
        lock (_gate)
        {
            _ring[_next++ % _ring.Length] = record;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(record);
            }
        }
    }

    /// <summary>The most recent predictions, oldest first.</summary>
    public IReadOnlyList<PredictionRecord> Snapshot()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_next, _ring.Length);
            var result = new PredictionRecord[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(_next - count + i) % _ring.Length]!;
            }
            return result;
        }
    }

    /// <summary>Predictions published after the call, until <paramref name="cancellationToken"/> ends the stream.</summary>
    public async IAsyncEnumerable<PredictionRecord> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        try
        {
            var reader = channel.Reader;
            while (!cancellationToken.IsCancellationRequested)
            {
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                if (!ready)
                {
                    yield break;
                }
                while (reader.TryRead(out var record))
                {
                    yield return record;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
