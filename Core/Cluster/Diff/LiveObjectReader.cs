using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace MlOpsDashboard.Core.Cluster.Diff;

/// <summary>
/// Reads one object of any kind as the API server holds it, through the shared Kubernetes client:
/// grouped kinds (apps/v1 Deployments, CRDs, ...) as raw JSON through the custom-objects paths,
/// core kinds through their typed calls. Secrets are never read.
/// </summary>
public sealed class LiveObjectReader(Func<IKubernetes> client)
{
    /// <summary>Null when the object does not exist.</summary>
    public async Task<JsonObject?> ReadAsync(string apiVersion, string kind, string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        if (kind == "Secret")
        {
            throw new NotSupportedException("Secrets are never read or shown.");
        }
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        try
        {
            object body = slash < 0
                ? await ReadCoreAsync(client(), kind, @namespace, name, cancellationToken).ConfigureAwait(false)
                : string.IsNullOrEmpty(@namespace)
                    ? await client().CustomObjects.GetClusterCustomObjectAsync(apiVersion[..slash], apiVersion[(slash + 1)..], Plural(kind), name, cancellationToken).ConfigureAwait(false)
                    : await client().CustomObjects.GetNamespacedCustomObjectAsync(apiVersion[..slash], apiVersion[(slash + 1)..], @namespace, Plural(kind), name, cancellationToken).ConfigureAwait(false);
            return body is JsonElement element ? JsonNode.Parse(element.GetRawText()) as JsonObject : JsonNode.Parse(KubernetesJson.Serialize(body)) as JsonObject;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<object> ReadCoreAsync(IKubernetes api, string kind, string? ns, string name, CancellationToken cancellationToken) => kind switch
    {
        "Namespace" => await api.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false),
        "Service" => await api.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        "ConfigMap" => await api.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        "ServiceAccount" => await api.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        "PersistentVolumeClaim" => await api.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        "ResourceQuota" => await api.CoreV1.ReadNamespacedResourceQuotaAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        "LimitRange" => await api.CoreV1.ReadNamespacedLimitRangeAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
        _ => throw new NotSupportedException($"Reading core kind {kind} is not supported."),
    };

    /// <summary>The resource name of a kind, as Kubernetes pluralizes it (Ingress → ingresses, NetworkPolicy → networkpolicies).</summary>
    public static string Plural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        return lower.EndsWith('y') && !lower.EndsWith("ay", StringComparison.Ordinal) && !lower.EndsWith("ey", StringComparison.Ordinal) ? $"{lower[..^1]}ies"
            : lower.EndsWith('s') || lower.EndsWith('x') || lower.EndsWith("ch", StringComparison.Ordinal) ? $"{lower}es"
            : $"{lower}s";
    }
}
