namespace MlOpsDashboard.Core.Cluster.Placement;

/// <summary>One row of the platform's resource budget (ARCHITECTURE.md): the most a pod of that workload may ask for.</summary>
public sealed record WorkloadBudget(string Workload, string Node, decimal MaxMemoryBytes, decimal MaxCpu, IReadOnlyList<string> Namespaces);

/// <summary>The budget table of the two-node platform, matched by namespace.</summary>
public static class PlatformBudgets
{
    private const decimal Mi = 1024m * 1024m;
    private const decimal Gi = 1024m * Mi;

    public static IReadOnlyList<WorkloadBudget> All { get; } =
    [
        new("K3s control plane", "mac-m2", 1.5m * Gi, 1m, ["kube-system"]),
        new("Argo CD", "mac-m2", 512 * Mi, 0.5m, ["argocd"]),
        new("MLflow", "mac-m2", 1 * Gi, 0.5m, ["mlflow"]),
        new("Prometheus", "mac-m2", 1.5m * Gi, 1m, ["prometheus", "monitoring"]),
        new("Grafana", "mac-m2", 512 * Mi, 0.5m, ["grafana"]),
        new("KServe controller", "mac-m2", 512 * Mi, 0.5m, ["kserve-controller", "kserve"]),
        new("Model serving", "wsl-worker", 6 * Gi, 4m, ["model-serving", "model-serving-staging"]),
        new("Training jobs", "wsl-worker", 8 * Gi, 6m, ["training"]),
    ];

    public static WorkloadBudget? For(string @namespace) => All.FirstOrDefault(b => b.Namespaces.Contains(@namespace, StringComparer.Ordinal));

    /// <summary>Heavy enough to belong on the worker: a model-serving or training pod, or asking for 2 GiB / 2 CPU or more.</summary>
    public static bool IsHeavy(ClusterPod pod) =>
        For(pod.Namespace)?.Node == "wsl-worker"
        || Math.Max(pod.RequestMemory, pod.LimitMemory) >= 2 * Gi
        || Math.Max(pod.RequestCpu, pod.LimitCpu) >= 2m;
}
