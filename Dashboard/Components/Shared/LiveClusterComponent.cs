using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Dashboard.Components.Shared;

/// <summary>
/// A page or card that shows the live cluster: it reads <see cref="ClusterState"/>'s snapshot and,
/// when changes arrive, re-renders through InvokeAsync at most once per 100 ms: a change after a
/// quiet spell shows at once, a burst is coalesced into one render at the end of the window. The
/// listener is cancelled and awaited on dispose, so a closed circuit leaves nothing behind.
/// </summary>
public abstract class LiveClusterComponent : ComponentBase, IAsyncDisposable
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _disposed = new();
    private Task _listener = Task.CompletedTask;
    private int _flushScheduled;
    private long _lastFlush = long.MinValue;

    [Inject]
    public required ClusterState Cluster { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    protected ClusterSnapshot Snapshot { get; private set; } = null!;

    protected override void OnInitialized()
    {
        Snapshot = Cluster.Current;
        OnSnapshotChanged();
        _listener = ListenAsync(_disposed.Token);
    }

    /// <summary>Called with a new <see cref="Snapshot"/> before rendering: recompute derived views here.</summary>
    protected virtual void OnSnapshotChanged()
    {
    }

    /// <summary>Changes this component does not show need not re-render it.</summary>
    protected virtual bool IsRelevant(ClusterChange change) => true;

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        // MoveNextAsync subscribes synchronously; a change that landed between the first snapshot and
        // the subscription would otherwise be missed, so compare versions once subscribed.
        var changes = Cluster.WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var next = changes.MoveNextAsync();
            if (Cluster.Current.Version != Snapshot.Version)
            {
                Schedule(cancellationToken);
            }
            while (await next)
            {
                if (IsRelevant(changes.Current))
                {
                    Schedule(cancellationToken);
                }
                next = changes.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await changes.DisposeAsync();
        }
    }

    private void Schedule(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = FlushAsync(cancellationToken);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var last = Volatile.Read(ref _lastFlush);
            var wait = last == long.MinValue ? TimeSpan.Zero : BatchWindow - Clock.GetElapsedTime(last);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Clock, cancellationToken);
            }
            Volatile.Write(ref _flushScheduled, 0);
            Volatile.Write(ref _lastFlush, Clock.GetTimestamp());
            await InvokeAsync(() =>
            {
                Snapshot = Cluster.Current;
                OnSnapshotChanged();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await _listener;
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
