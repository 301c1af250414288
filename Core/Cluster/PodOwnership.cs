namespace MlOpsDashboard.Core.Cluster;

/// <summary>Which Argo CD application a pod belongs to: the one that manages its Deployment (Argo CD's resource tree).</summary>
public static class PodOwnership
{
    public static IReadOnlyDictionary<string, string> ApplicationsByWorkload(ClusterSnapshot snapshot)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in snapshot.Applications.Values)
        {
            foreach (var resource in app.Resources.Where(r => r.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "Rollout"))
            {
                map.TryAdd($"{resource.Namespace}/{resource.Name}", app.Name);
            }
        }
        return map;
    }

    /// <summary>The managing application; else the app.kubernetes.io labels; else the workload or namespace.</summary>
    public static string ApplicationOf(ClusterPod pod, IReadOnlyDictionary<string, string> byWorkload) =>
        pod.Workload is { } workload && byWorkload.TryGetValue($"{pod.Namespace}/{workload}", out var app) ? app
        : pod.Labels.GetValueOrDefault("app.kubernetes.io/instance")
        ?? pod.Labels.GetValueOrDefault("argocd.argoproj.io/instance")
        ?? (pod.Workload is { } w ? $"{pod.Namespace}/{w}" : pod.Namespace);

    /// <summary>Pods an application manages, through its Deployments.</summary>
    public static IEnumerable<ClusterPod> PodsOf(ClusterSnapshot snapshot, string application)
    {
        var byWorkload = ApplicationsByWorkload(snapshot);
        return snapshot.Pods.Values.Where(p => ApplicationOf(p, byWorkload) == application);
    }
}
