using System.Collections.Concurrent;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox.KubernetesApi;

/// <summary>Runs a KubernetesClient watch in the background and hands its events and errors to a test.</summary>
public sealed class WatchRecorder<T> : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly Channel<(WatchEventType Type, T Object)> _events = Channel.CreateUnbounded<(WatchEventType, T)>();
    private readonly CancellationTokenSource _stop = new();

    private WatchRecorder()
    {
    }

    /// <summary>Exceptions the client passed to onError (Status events arrive here as KubernetesException).</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Completes when the stream ends; faults if enumeration threw.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <param name="watch">Opens the watch, given the onError callback and a cancellation token.</param>
    public static WatchRecorder<T> Start(Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
    {
        var recorder = new WatchRecorder<T>();
        recorder.Completion = recorder.PumpAsync(watch(recorder.Errors.Enqueue, recorder._stop.Token));
        return recorder;
    }

    /// <summary>
    /// For kinds without a generated WatchList*Async (custom objects): KubernetesClient 21 marks this
    /// extension obsolete, yet it is the only watch that takes a resourceVersion for them.
    /// </summary>
    public static WatchRecorder<T> StartFromListRequest<TList>(Func<CancellationToken, Task<HttpOperationResponse<TList>>> request) =>
#pragma warning disable CS0618
        Start((onError, token) => request(token).WatchAsync<T, TList>(onError, token));
#pragma warning restore CS0618

    public async Task<(WatchEventType Type, T Object)> NextAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next event that is not a bookmark.</summary>
    public async Task<(WatchEventType Type, T Object)> NextChangeAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Type != WatchEventType.Bookmark)
            {
                return next;
            }
        }
    }

    public async Task<bool> EndsWithinAsync(TimeSpan wait) => await Task.WhenAny(Completion, Task.Delay(wait)) == Completion;

    public bool TryTake(out (WatchEventType Type, T Object) next) => _events.Reader.TryRead(out next);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Completion;
        }
        catch (Exception)
        {
            // The test looked at Completion's outcome if it cared.
        }
        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerable<(WatchEventType, T)> watch)
    {
        await Task.Yield();
        try
        {
            await foreach (var item in watch.WithCancellation(_stop.Token))
            {
                _events.Writer.TryWrite(item);
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
