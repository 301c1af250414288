using k8s;
using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// <c>?watch=true</c>: a chunked stream of newline-delimited watch events, as the API server sends.
/// A resourceVersion older than the retained history is answered the way the real server does:
/// 200, then one ERROR event carrying a 410 Expired Status, then the end of the stream.
/// </summary>
internal sealed class WatchEndpoint(
    SandboxObjectStore store,
    SandboxApiFaults faults,
    SandboxKubernetesApiServerOptions options,
    TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, SandboxResource resource, string? @namespace, FieldSelector pathFields, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]).And(pathFields);
        var timeout = ApiQuery.Long(query["timeoutSeconds"], "timeoutSeconds") is { } seconds and > 0
            ? TimeSpan.FromSeconds(seconds)
            : options.DefaultWatchTimeout;
        var bookmarks = ApiQuery.IsTrue(query["allowWatchBookmarks"]);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ApiJson.ContentType;
        SandboxWatch watch;
        try
        {
            watch = store.OpenWatch(resource, @namespace, query["resourceVersion"], labels, fields);
        }
        catch (SandboxApiException error) when (error.Code == StatusCodes.Status410Gone)
        {
            await context.Response.Body.WriteAsync(ApiJson.WatchEventLine(WatchEventType.Error, StatusResponses.Failure(error)), context.RequestAborted);
            return;
        }

        using (watch)
        using (var stream = faults.Register(resource))
        using (var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, stream.Ended))
        using (var timedOut = new CancellationTokenSource(timeout, time))
        {
            // Headers go out now, as the API server flushes them before the first event.
            await context.Response.StartAsync(ending.Token);
            var bookmarker = bookmarks ? SendBookmarksAsync(watch, stream, ending.Token) : Task.CompletedTask;
            try
            {
                await StreamAsync(context, watch, stream, ending.Token, timedOut.Token);
            }
            catch (OperationCanceledException) when (ending.IsCancellationRequested)
            {
            }
            finally
            {
                await ending.CancelAsync();
                await bookmarker;
            }
        }
    }

    private static async Task StreamAsync(HttpContext context, SandboxWatch watch, ActiveWatchStream stream, CancellationToken ending, CancellationToken timedOut)
    {
        var reader = watch.Events;
        var timeout = Task.Delay(Timeout.Infinite, timedOut);
        while (true)
        {
            var readable = reader.WaitToReadAsync(ending).AsTask();
            if (await Task.WhenAny(readable, timeout) == timeout)
            {
                // A silenced stream ignores its timeout: only the client or the server's end closes it.
                if (stream.Silenced)
                {
                    await Task.Delay(Timeout.Infinite, ending);
                }
                return;
            }
            if (!await readable)
            {
                return;
            }
            while (reader.TryRead(out var watchEvent))
            {
                if (stream.Silenced)
                {
                    continue;
                }
                var line = ApiJson.WatchEventLine(watchEvent.Type, watchEvent.Object);
                if (stream.TakeCut())
                {
                    await context.Response.Body.WriteAsync(line.AsMemory(0, line.Length / 2), ending);
                    await context.Response.Body.FlushAsync(ending);
                    context.Abort();
                    return;
                }
                await context.Response.Body.WriteAsync(line, ending);
            }
            await context.Response.Body.FlushAsync(ending);
        }
    }

    private async Task SendBookmarksAsync(SandboxWatch watch, ActiveWatchStream stream, CancellationToken ending)
    {
        using var timer = new PeriodicTimer(options.BookmarkInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ending))
            {
                if (!stream.Silenced)
                {
                    watch.RequestBookmark();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
