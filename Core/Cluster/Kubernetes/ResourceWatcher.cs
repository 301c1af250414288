using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace MlOpsDashboard.Core.Cluster.Kubernetes;

/// <summary>Settings of one list-watch loop.</summary>
/// <param name="IdleTimeout">The watchdog: a stream that sends nothing (not even a bookmark) this long is restarted.</param>
/// <param name="ServerTimeoutSeconds">Asked of the API server per watch, jittered up to twice this, as client-go does.</param>
public sealed record WatchSettings(TimeSpan IdleTimeout, int ServerTimeoutSeconds = 300);

/// <summary>
/// One kind's list-watch into <see cref="ClusterState"/>, as in KubeOps' ResourceWatcher: list once,
/// then watch from the list's resourceVersion with bookmarks advancing it; a clean end re-watches from
/// where it was, 410 Gone re-lists, other failures back off 0.8 s → 30 s with jitter, and a watchdog
/// restarts a stream that has gone silent. Resuming from the last version seen means a dropped
/// connection loses no event, and <see cref="ClusterState"/> ignores a version it already holds.
/// </summary>
public sealed class ResourceWatcher<T, TList>(
    WatchedKind<T, TList> kind,
    Func<IKubernetes> client,
    ClusterState state,
    WatchSettings settings,
    TimeProvider clock,
    ILogger logger)
{
    private readonly WatchBackoff _backoff = new();
    private string? _version;

    public ClusterKind Kind => kind.Kind;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var kubernetes = client();
                if (_version is null)
                {
                    await ListAsync(kubernetes, stopping).ConfigureAwait(false);
                }
                await WatchOnceAsync(kubernetes, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsGone(e))
            {
                logger.LogInformation("{Kind} watch resourceVersion {Version} expired (410 Gone); listing again", Kind, _version);
                _version = null;
            }
            catch (WatchIdleException e)
            {
                logger.LogWarning("{Kind} watch silent: {Message}; restarting it", Kind, e.Message);
                state.MarkStale(Kind, e.Message);
            }
            catch (Exception e)
            {
                var delay = _backoff.Next();
                logger.LogWarning("{Kind} watch failed ({Message}); retrying in {Delay:0.0} s", Kind, e.Message, delay.TotalSeconds);
                state.MarkStale(Kind, e.Message);
                try
                {
                    await Task.Delay(delay, clock, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task ListAsync(IKubernetes kubernetes, CancellationToken stopping)
    {
        var (items, version) = await kind.List(kubernetes, stopping).ConfigureAwait(false);
        state.Replace(Kind, [.. items.Select(kind.Map)]);
        _version = version;
        state.MarkLive(Kind);
        _backoff.Reset();
    }

    private async Task WatchOnceAsync(IKubernetes kubernetes, CancellationToken stopping)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idle.CancelAfter(settings.IdleTimeout);
        Exception? error = null;
        var gone = false;
        var timeout = settings.ServerTimeoutSeconds + Random.Shared.Next(settings.ServerTimeoutSeconds);
        try
        {
            var response = await kind.Watch(kubernetes, _version!, timeout, idle.Token).ConfigureAwait(false);
            using var message = response.Response;
            // A read blocked on a half-dead connection may not see the token: closing the response ends it.
            using var abort = idle.Token.Register(message.Dispose);
            state.MarkLive(Kind);
            _backoff.Reset();
#pragma warning disable CS0618 // The only watch KubernetesClient 21 offers for custom objects with a resourceVersion.
            var events = Task.FromResult(response).WatchAsync<T, TList>(e => { if (IsGone(e)) { gone = true; } else { error ??= e; } }, idle.Token);
#pragma warning restore CS0618
            await foreach (var (type, obj) in events.ConfigureAwait(false))
            {
                idle.CancelAfter(settings.IdleTimeout);
                var version = kind.ResourceVersionOf(obj);
                switch (type)
                {
                    case WatchEventType.Added:
                    case WatchEventType.Modified:
                        state.Apply(Kind, type == WatchEventType.Added ? ClusterChangeType.Added : ClusterChangeType.Modified, kind.Map(obj));
                        break;
                    case WatchEventType.Deleted:
                        state.Apply(Kind, ClusterChangeType.Deleted, kind.Map(obj));
                        break;
                    default:
                        break;
                }
                if (type != WatchEventType.Error && !string.IsNullOrEmpty(version))
                {
                    _version = version;
                }
                if (gone)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException
            && idle.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new WatchIdleException($"nothing received for {settings.IdleTimeout.TotalSeconds:0} s");
        }
        if (idle.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            throw new WatchIdleException($"nothing received for {settings.IdleTimeout.TotalSeconds:0} s");
        }
        if (gone)
        {
            throw new WatchGoneException();
        }
        if (error is not null)
        {
            throw new WatchStreamException(error);
        }
    }

    private static bool IsGone(Exception e) => e switch
    {
        WatchGoneException => true,
        KubernetesException { Status.Code: 410 } => true,
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => true,
        _ => false,
    };

    private sealed class WatchGoneException() : Exception("410 Gone");

    private sealed class WatchIdleException(string message) : Exception(message);

    private sealed class WatchStreamException(Exception inner) : Exception(inner.Message, inner);
}
