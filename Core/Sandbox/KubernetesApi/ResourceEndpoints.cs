using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>List, get and merge-patch of objects, and the deployments' scale subresource.</summary>
internal sealed class ResourceEndpoints(SandboxObjectStore store, SandboxKubernetesApiServerOptions options)
{
    public async Task ListAsync(HttpContext context, SandboxResource resource, string? @namespace)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var list = store.ListShared(resource, @namespace, labels, fields);
        // Only an exact-version list can be too old: the default ("not older than") is served from current state.
        if (query["resourceVersionMatch"] == "Exact" && query["resourceVersion"].ToString() is { Length: > 0 } text
            && SandboxObjectStore.ParseResourceVersion(text) is var requested && requested != list.ResourceVersion)
        {
            throw requested < store.CompactedResourceVersion
                ? new SandboxApiException(410, "Expired", "The resourceVersion for the provided list is too old.")
                : SandboxApiException.BadRequest("the sandbox serves exact-version lists only at the current resourceVersion, or 410 when too old");
        }
        await ApiJson.WriteListAsync(context, resource, list);
    }

    public Task GetAsync(HttpContext context, SandboxResource resource, string? @namespace, string name) =>
        ApiJson.WriteAsync(context, StatusCodes.Status200OK, Existing(resource, @namespace, name));

    public async Task PatchAsync(HttpContext context, SandboxResource resource, string? @namespace, string name)
    {
        var patch = await ReadPatchAsync(context);
        var patched = store.Patch(resource, @namespace, name, patch, SandboxChangeOrigin.ApiClient);
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, patched);
    }

    public async Task ScaleAsync(HttpContext context, string @namespace, string name)
    {
        var method = context.Request.Method;
        var deployment = Existing(SandboxResources.Deployments, @namespace, name);
        if (HttpMethods.IsPatch(method) || HttpMethods.IsPut(method))
        {
            var body = HttpMethods.IsPatch(method) ? await ReadPatchAsync(context) : await ReadJsonAsync(context);
            var scale = HttpMethods.IsPatch(method) ? MergePatch.Apply(Scale(deployment), body) : body;
            if (scale?["spec"]?["replicas"] is not JsonValue replicasValue || !replicasValue.TryGetValue<int>(out var replicas) || replicas < 0)
            {
                throw SandboxApiException.BadRequest("spec.replicas: Invalid value: must be a non-negative integer");
            }
            // A resourceVersion in the request is a precondition on the deployment, as for the real subresource.
            var deploymentPatch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
            if (SandboxObjectMetadata.ResourceVersionTextOf(body) is { Length: > 0 } expected)
            {
                deploymentPatch["metadata"] = new JsonObject { ["resourceVersion"] = expected };
            }
            deployment = store.Patch(SandboxResources.Deployments, @namespace, name, deploymentPatch, SandboxChangeOrigin.ApiClient);
        }
        else if (!HttpMethods.IsGet(method))
        {
            throw StatusResponses.MethodNotAllowed();
        }
        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, Scale(deployment));
    }

    // autoscaling/v1 Scale, derived from the deployment as the API server derives it.
    private static JsonObject Scale(JsonObject deployment)
    {
        var metadata = deployment["metadata"]!;
        var matchLabels = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = deployment["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = deployment["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(',', matchLabels.Select(l => $"{l.Key}={l.Value}")),
            },
        };
    }

    private JsonObject Existing(SandboxResource resource, string? @namespace, string name) =>
        store.Get(resource, @namespace, name) ?? throw SandboxApiException.NotFound(resource, name);

    private async Task<JsonNode> ReadPatchAsync(HttpContext context)
    {
        // Strategic merge differs from merge patch only for lists with merge keys; see MergePatch.
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        if (contentType is not ("application/merge-patch+json" or "application/strategic-merge-patch+json"))
        {
            throw StatusResponses.UnsupportedPatch(contentType);
        }
        return await ReadJsonAsync(context);
    }

    private async Task<JsonNode> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            throw new SandboxApiException(413, "RequestEntityTooLarge", "the request body is too large");
        }
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
                ?? throw SandboxApiException.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw SandboxApiException.BadRequest($"error decoding request body: {e.Message}");
        }
    }
}
