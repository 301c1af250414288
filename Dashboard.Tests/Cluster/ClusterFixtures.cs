using System.Collections.Immutable;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

/// <summary>Small hand-made cluster objects for tests of pages and checks.</summary>
public static class ClusterFixtures
{
    public const decimal Gi = 1024m * 1024m * 1024m;
    private static int _version;

    public static string NextVersion() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ClusterNode Node(string name, string arch, bool controlPlane, bool ready = true, bool memoryPressure = false) => new(
        name,
        NextVersion(),
        controlPlane ? ["control-plane"] : ["worker"],
        arch,
        "linux",
        "Ubuntu 24.04.1 LTS",
        "v1.31.4+k3s1",
        new Dictionary<string, string>
        {
            ["kubernetes.io/arch"] = arch,
            ["kubernetes.io/hostname"] = name,
            ["workload"] = controlPlane ? "platform" : "compute-intensive",
        }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        controlPlane ? [new NodeTaint("node-role.kubernetes.io/control-plane", "true", "NoSchedule")] : [],
        [
            new NodeCondition("Ready", ready ? "True" : "Unknown", ready ? "KubeletReady" : "NodeStatusUnknown", ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status."),
            new NodeCondition("MemoryPressure", memoryPressure ? "True" : "False", memoryPressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory", "memory"),
        ],
        controlPlane ? 8 : 10,
        (controlPlane ? 10 : 14) * Gi,
        1.5m,
        3 * Gi);

    public static ClusterPod Pod(
        string ns, string name, string? node, string image = "ghcr.io/example/grafana:11.0.0", decimal cpu = 0.1m, decimal memoryGi = 0.25m,
        string workload = "app", string? waitingReason = null, int restarts = 0, string? pendingReason = null,
        ImmutableArray<ImmutableArray<NodeRequirement>> affinity = default) => new(
        ns,
        name,
        NextVersion(),
        node,
        node is null ? "Pending" : "Running",
        ImmutableSortedDictionary<string, string>.Empty,
        workload,
        [new PodContainer("main", image, cpu, memoryGi * Gi, cpu * 2, memoryGi * 2 * Gi)],
        node is null ? [] : [new PodContainerStatus("main", waitingReason is null, restarts, waitingReason is null ? "running" : "waiting", waitingReason, null, waitingReason is null ? null : "Error", waitingReason is null ? null : 255)],
        ImmutableSortedDictionary<string, string>.Empty,
        affinity.IsDefault ? [] : affinity,
        waitingReason is null && node is not null,
        pendingReason,
        DateTimeOffset.UtcNow);

    public static ArgoApplication Application(string name, string sync = "Synced", string health = "Healthy", string project = "mlops", string ns = "apps", params (string Kind, string Name, int Wave)[] resources) => new(
        "argocd",
        name,
        NextVersion(),
        project,
        new Dictionary<string, string> { ["team"] = name.StartsWith("model", StringComparison.Ordinal) ? "ml" : "platform" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        new ApplicationSource("https://git.example/manifests.git", $"deploy/apps/{name}", "main"),
        new ApplicationDestination("https://kubernetes.default.svc", ns),
        Automated: true,
        Prune: true,
        SelfHeal: true,
        sync,
        "4f2a9c1d00000000000000000000000000000000",
        health,
        null,
        null,
        false,
        false,
        [new ApplicationHistoryEntry(0, "4f2a9c1d00000000000000000000000000000000", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(-5), null)],
        [.. resources.Select(r => new ApplicationResource(r.Kind == "Deployment" ? "apps" : "", r.Kind, ns, r.Name, sync, r.Wave, r.Kind == "Deployment" ? health : null, null))],
        [],
        [],
        DateTimeOffset.UtcNow,
        DateTimeOffset.UtcNow);

    public static ClusterState State(params ClusterObject[] objects)
    {
        var state = new ClusterState(configured: true, TimeProvider.System);
        foreach (var obj in objects)
        {
            var kind = obj switch
            {
                ClusterNode => ClusterKind.Nodes,
                ClusterPod => ClusterKind.Pods,
                ClusterEvent => ClusterKind.Events,
                _ => ClusterKind.Applications,
            };
            state.Apply(kind, ClusterChangeType.Added, obj);
        }
        foreach (var kind in Enum.GetValues<ClusterKind>())
        {
            state.MarkLive(kind);
        }
        return state;
    }
}
