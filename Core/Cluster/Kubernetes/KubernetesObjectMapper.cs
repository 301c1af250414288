using System.Collections.Immutable;
using System.Globalization;
using k8s.Models;

namespace MlOpsDashboard.Core.Cluster.Kubernetes;

/// <summary>Turns KubernetesClient models into the small immutable records the pages read.</summary>
public static class KubernetesObjectMapper
{
    /// <summary>Where metrics-server is absent (the sandbox), node usage comes from these annotations.</summary>
    public const string UsageCpuAnnotation = "sandbox.mlops.dev/cpu-usage-millicores";
    public const string UsageMemoryAnnotation = "sandbox.mlops.dev/memory-usage-bytes";
    private const string RolePrefix = "node-role.kubernetes.io/";

    public static ClusterNode Node(V1Node node)
    {
        var labels = Sorted(node.Metadata.Labels);
        var annotations = node.Metadata.Annotations ?? new Dictionary<string, string>();
        var roles = labels.Keys.Where(k => k.StartsWith(RolePrefix, StringComparison.Ordinal)).Select(k => k[RolePrefix.Length..])
            .Where(r => r != "master").ToImmutableArray();
        var info = node.Status?.NodeInfo;
        return new ClusterNode(
            node.Metadata.Name,
            node.Metadata.ResourceVersion ?? "",
            roles.IsEmpty ? ["worker"] : roles,
            info?.Architecture ?? labels.GetValueOrDefault("kubernetes.io/arch", ""),
            info?.OperatingSystem ?? labels.GetValueOrDefault("kubernetes.io/os", ""),
            info?.OsImage ?? "",
            info?.KubeletVersion ?? "",
            labels,
            [.. (node.Spec?.Taints ?? []).Select(t => new NodeTaint(t.Key, t.Value, t.Effect))],
            [.. (node.Status?.Conditions ?? []).Select(c => new NodeCondition(c.Type, c.Status, c.Reason, c.Message))],
            Quantity(node.Status?.Allocatable, "cpu"),
            Quantity(node.Status?.Allocatable, "memory"),
            Number(annotations, UsageCpuAnnotation) is { } millicores ? millicores / 1000m : null,
            Number(annotations, UsageMemoryAnnotation));
    }

    public static ClusterPod Pod(V1Pod pod)
    {
        var spec = pod.Spec;
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        return new ClusterPod(
            pod.Metadata.NamespaceProperty ?? "",
            pod.Metadata.Name,
            pod.Metadata.ResourceVersion ?? "",
            string.IsNullOrEmpty(spec?.NodeName) ? null : spec.NodeName,
            pod.Status?.Phase ?? "Pending",
            Sorted(pod.Metadata.Labels),
            Workload(pod.Metadata),
            [.. (spec?.Containers ?? []).Select(c => new PodContainer(
                c.Name,
                c.Image ?? "",
                Quantity(c.Resources?.Requests, "cpu"),
                Quantity(c.Resources?.Requests, "memory"),
                Quantity(c.Resources?.Limits, "cpu"),
                Quantity(c.Resources?.Limits, "memory")))],
            [.. (pod.Status?.ContainerStatuses ?? []).Select(ContainerStatus)],
            Sorted(spec?.NodeSelector),
            RequiredNodeTerms(spec),
            pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
                || (pod.Status?.ContainerStatuses is { Count: > 0 } statuses && statuses.All(s => s.Ready)),
            scheduled is { Status: "False" } ? scheduled.Message ?? scheduled.Reason : null,
            pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null);
    }

    public static ClusterEvent Event(Corev1Event e)
    {
        var last = e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp;
        return new ClusterEvent(
            e.Metadata.NamespaceProperty ?? "",
            e.Metadata.Name,
            e.Metadata.ResourceVersion ?? "",
            e.InvolvedObject?.Kind ?? "",
            e.InvolvedObject?.Name ?? "",
            e.InvolvedObject?.NamespaceProperty,
            e.Type ?? "Normal",
            e.Reason ?? "",
            e.Message ?? "",
            e.Count ?? 1,
            last is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null);
    }

    private static PodContainerStatus ContainerStatus(V1ContainerStatus status)
    {
        var (state, reason, message) = status.State switch
        {
            { Waiting: { } w } => ("waiting", w.Reason, w.Message),
            { Terminated: { } t } => ("terminated", t.Reason, t.Message),
            { Running: not null } => ("running", null, null),
            _ => ("unknown", null, null),
        };
        var last = status.LastState?.Terminated;
        return new PodContainerStatus(status.Name, status.Ready, status.RestartCount, state, reason, message, last?.Reason, last?.ExitCode);
    }

    /// <summary>The Deployment (or other controller) behind a pod; a ReplicaSet's name minus its template hash.</summary>
    private static string? Workload(V1ObjectMeta metadata)
    {
        var owner = metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? metadata.OwnerReferences?.FirstOrDefault();
        if (owner is null)
        {
            return null;
        }
        if (owner.Kind == "ReplicaSet" && metadata.Labels?.TryGetValue("pod-template-hash", out var hash) == true && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
        {
            return owner.Name[..^(hash.Length + 1)];
        }
        return owner.Name;
    }

    private static ImmutableArray<ImmutableArray<NodeRequirement>> RequiredNodeTerms(V1PodSpec? spec) =>
        [.. (spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
            .Select(t => (t.MatchExpressions ?? []).Select(e => new NodeRequirement(e.Key, e.OperatorProperty, [.. e.Values ?? []])).ToImmutableArray())];

    private static decimal Quantity(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var quantity) ? quantity.ToDecimal() : 0m;

    private static decimal? Number(IDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static ImmutableSortedDictionary<string, string> Sorted(IDictionary<string, string>? map) =>
        (map ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal);
}
