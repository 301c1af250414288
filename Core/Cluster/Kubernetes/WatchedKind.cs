using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster.Kubernetes;

/// <summary>How to list and watch one kind cluster-wide, and how to read what comes back.</summary>
/// <typeparam name="T">The object type the client deserializes (a k8s model, or JsonElement for a CRD).</typeparam>
/// <typeparam name="TList">The list type the watch request is declared with.</typeparam>
public sealed record WatchedKind<T, TList>(
    ClusterKind Kind,
    Func<IKubernetes, CancellationToken, Task<(IReadOnlyList<T> Items, string ResourceVersion)>> List,
    Func<IKubernetes, string, int, CancellationToken, Task<HttpOperationResponse<TList>>> Watch,
    Func<T, string?> ResourceVersionOf,
    Func<T, ClusterObject> Map);

/// <summary>The four kinds the dashboard watches.</summary>
public static class WatchedKinds
{
    public static WatchedKind<V1Node, V1NodeList> Nodes { get; } = new(
        ClusterKind.Nodes,
        async (client, token) =>
        {
            var list = await client.CoreV1.ListNodeAsync(cancellationToken: token).ConfigureAwait(false);
            return ([.. list.Items], list.ResourceVersion());
        },
        (client, version, timeout, token) => client.CoreV1.ListNodeWithHttpMessagesAsync(
            allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: timeout, watch: true, cancellationToken: token),
        node => node.Metadata?.ResourceVersion,
        KubernetesObjectMapper.Node);

    public static WatchedKind<V1Pod, V1PodList> Pods { get; } = new(
        ClusterKind.Pods,
        async (client, token) =>
        {
            var list = await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: token).ConfigureAwait(false);
            return ([.. list.Items], list.ResourceVersion());
        },
        (client, version, timeout, token) => client.CoreV1.ListPodForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: timeout, watch: true, cancellationToken: token),
        pod => pod.Metadata?.ResourceVersion,
        KubernetesObjectMapper.Pod);

    public static WatchedKind<Corev1Event, Corev1EventList> Events { get; } = new(
        ClusterKind.Events,
        async (client, token) =>
        {
            var list = await client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: token).ConfigureAwait(false);
            return ([.. list.Items], list.ResourceVersion());
        },
        (client, version, timeout, token) => client.CoreV1.ListEventForAllNamespacesWithHttpMessagesAsync(
            allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: timeout, watch: true, cancellationToken: token),
        e => e.Metadata?.ResourceVersion,
        KubernetesObjectMapper.Event);

    public const string ArgoGroup = "argoproj.io";
    public const string ArgoVersion = "v1alpha1";
    public const string ArgoPlural = "applications";

    public static WatchedKind<JsonElement, object> Applications { get; } = new(
        ClusterKind.Applications,
        async (client, token) =>
        {
            var list = (JsonElement)await client.CustomObjects.ListClusterCustomObjectAsync(ArgoGroup, ArgoVersion, ArgoPlural, cancellationToken: token).ConfigureAwait(false);
            return ([.. list.GetProperty("items").EnumerateArray().Select(i => i.Clone())], ResourceVersion(list) ?? "");
        },
        (client, version, timeout, token) => client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
            ArgoGroup, ArgoVersion, ArgoPlural, allowWatchBookmarks: true, resourceVersion: version, timeoutSeconds: timeout, watch: true, cancellationToken: token),
        ResourceVersion,
        app => ArgoApplicationParser.Parse(app));

    private static string? ResourceVersion(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
}
