using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Kubernetes;

namespace MlOpsDashboard.Core.Delivery.Applications;

/// <summary>A refresh or sync the cluster refused, with a message fit for the user.</summary>
public sealed class ApplicationActionException(int statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Refresh and Sync, patched onto the Application exactly as Argo CD's UI (through its API server)
/// does: refresh sets the <c>argocd.argoproj.io/refresh</c> annotation, sync sets <c>operation.sync</c>;
/// the application controller (or the sandbox's) acts on them. Callers check the operator role.
/// </summary>
public sealed class ApplicationActions(Func<IKubernetes> client, ClusterState state)
{
    public Task RefreshAsync(string name, CancellationToken cancellationToken = default)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ArgoApplicationParser.RefreshAnnotation] = "normal" } },
        };
        return PatchAsync(name, patch, cancellationToken);
    }

    public Task SyncAsync(string name, string userName, CancellationToken cancellationToken = default)
    {
        var app = Find(name);
        var patch = new JsonObject
        {
            ["operation"] = new JsonObject
            {
                ["initiatedBy"] = new JsonObject { ["username"] = userName },
                ["sync"] = new JsonObject
                {
                    ["revision"] = app.Source.TargetRevision,
                    ["prune"] = app.Prune,
                    ["syncStrategy"] = new JsonObject { ["hook"] = new JsonObject() },
                },
            },
        };
        return PatchAsync(name, patch, cancellationToken);
    }

    private ArgoApplication Find(string name) =>
        state.Current.Application(name) ?? throw new ApplicationActionException((int)HttpStatusCode.NotFound, $"No Argo CD application named '{name}' in the cluster.");

    private async Task PatchAsync(string name, JsonObject patch, CancellationToken cancellationToken)
    {
        var app = Find(name);
        if (app.OperationPending && patch.ContainsKey("operation"))
        {
            throw new ApplicationActionException((int)HttpStatusCode.Conflict, $"Another operation is already in progress on '{name}'.");
        }
        try
        {
            await client().CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                WatchedKinds.ArgoGroup, WatchedKinds.ArgoVersion, app.Namespace, WatchedKinds.ArgoPlural, name,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            var message = TryStatusMessage(e.Response.Content) ?? e.Message;
            throw new ApplicationActionException((int)e.Response.StatusCode, $"The cluster refused the change to '{name}': {message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ApplicationActionException((int)HttpStatusCode.BadGateway, $"The cluster API is unreachable: {e.Message}", e);
        }
    }

    private static string? TryStatusMessage(string? content)
    {
        try
        {
            return content is null ? null : JsonDocument.Parse(content).RootElement.GetProperty("message").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
