using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c> with container, previous, tailLines,
/// timestamps, sinceSeconds, limitBytes and follow, answering errors with the kubelet's messages.
/// </summary>
internal sealed class PodLogEndpoint(SandboxObjectStore store, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, string @namespace, string podName, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var pod = store.Get(SandboxResources.Pods, @namespace, podName) ?? throw SandboxApiException.NotFound(SandboxResources.Pods, podName);
        var container = ChooseContainer(pod, podName, query["container"]);
        var previous = ApiQuery.IsTrue(query["previous"]);
        var follow = ApiQuery.IsTrue(query["follow"]) && !previous;
        var timestamps = ApiQuery.IsTrue(query["timestamps"]);
        var tailLines = ApiQuery.Long(query["tailLines"], "tailLines");
        var sinceSeconds = ApiQuery.Long(query["sinceSeconds"], "sinceSeconds");
        var limitBytes = ApiQuery.Long(query["limitBytes"], "limitBytes");

        var lines = store.Logs.Read(@namespace, podName, container, previous)
            ?? throw SandboxApiException.BadRequest($"previous terminated container \"{container}\" in pod \"{podName}\" not found");
        IEnumerable<SandboxLogLine> selected = lines;
        if (sinceSeconds is { } since)
        {
            var cutoff = time.GetUtcNow().AddSeconds(-since);
            selected = selected.Where(l => l.Time >= cutoff);
        }
        if (tailLines is { } tail and >= 0)
        {
            selected = selected.TakeLast((int)Math.Min(tail, int.MaxValue));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        var budget = limitBytes is > 0 ? limitBytes.Value : long.MaxValue;
        var instance = store.Logs.InstanceOf(@namespace, podName, container);
        var last = lines.Count > 0 ? lines[^1].Sequence : 0;
        await context.Response.Body.WriteAsync(Render(selected, timestamps, ref budget), context.RequestAborted);
        if (!follow)
        {
            return;
        }
        await context.Response.Body.FlushAsync(stopping);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            // Following ends when the container instance ends (restart) or its logs go (pod deleted).
            while (budget > 0)
            {
                var (more, current, exists, changed) = store.Logs.ReadAfter(@namespace, podName, container, last);
                if (!exists || current != instance)
                {
                    return;
                }
                if (more.Count > 0)
                {
                    last = more[^1].Sequence;
                    await context.Response.Body.WriteAsync(Render(more, timestamps, ref budget), ending.Token);
                    await context.Response.Body.FlushAsync(ending.Token);
                    continue;
                }
                await changed.WaitAsync(ending.Token);
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }

    private static string ChooseContainer(JsonObject pod, string podName, string? requested)
    {
        var names = (pod["spec"]?["containers"] as JsonArray ?? [])
            .Concat(pod["spec"]?["initContainers"] as JsonArray ?? [])
            .Select(c => c?["name"]?.GetValue<string>())
            .OfType<string>()
            .ToList();
        if (string.IsNullOrEmpty(requested))
        {
            var regular = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>()).OfType<string>().ToList();
            return regular.Count == 1
                ? regular[0]
                : throw SandboxApiException.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', regular)}]");
        }
        return names.Contains(requested)
            ? requested
            : throw SandboxApiException.BadRequest($"container {requested} is not valid for pod {podName}");
    }

    // The lines as the response body, cut to the limitBytes budget that is left.
    private static ReadOnlyMemory<byte> Render(IEnumerable<SandboxLogLine> lines, bool timestamps, ref long budget)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (timestamps)
            {
                // RFC 3339 with nanoseconds, as the container runtime stamps lines.
                text.Append(line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture)).Append(' ');
            }
            text.Append(line.Text).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var length = (int)Math.Min(bytes.Length, budget);
        budget -= length;
        return bytes.AsMemory(0, length);
    }
}
