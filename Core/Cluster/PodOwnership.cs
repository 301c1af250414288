using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

/// <summary>Which Argo CD application a pod belongs to: the one that manages its Deployment (Argo CD's resource tree).</summary>
public static class PodOwnership
{
    // One map per set of applications, shared by every page and circuit until an application changes:
    // with thousands of applications it is too big to build per render or to hold per circuit.
    private static readonly ConditionalWeakTable<ImmutableDictionary<string, ArgoApplication>, IReadOnlyDictionary<string, string>> ByApplications = [];

    /// <summary>"namespace/workload" → application name, for every workload an application manages.</summary>
    public static IReadOnlyDictionary<string, string> ApplicationsByWorkload(ClusterSnapshot snapshot) =>
        ByApplications.GetValue(snapshot.Applications, Build);

    private static IReadOnlyDictionary<string, string> Build(ImmutableDictionary<string, ArgoApplication> applications)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in applications.Values)
        {
            foreach (var resource in app.Resources)
            {
                if (IsWorkload(resource.Kind))
                {
                    map.TryAdd($"{resource.Namespace}/{resource.Name}", app.Name);
                }
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

    /// <summary>
    /// Pods an application manages, through its Deployments. Reads only the application's own workloads
    /// and the pods; the map of every application's workloads is consulted only for a pod that names the
    /// application in a label without being one of its workloads' pods.
    /// </summary>
    public static IEnumerable<ClusterPod> PodsOf(ClusterSnapshot snapshot, string application)
    {
        var own = snapshot.Application(application)?.Resources.Where(r => IsWorkload(r.Kind)).Select(r => (r.Namespace, r.Name)).ToHashSet() ?? [];
        IReadOnlyDictionary<string, string>? byWorkload = null;
        foreach (var pod in snapshot.Pods.Values)
        {
            if (pod.Workload is { } workload && own.Contains((pod.Namespace, workload)))
            {
                yield return pod;
            }
            else if (MayFallBackTo(pod, application))
            {
                byWorkload ??= ApplicationsByWorkload(snapshot);
                if (ApplicationOf(pod, byWorkload) == application)
                {
                    yield return pod;
                }
            }
        }
    }

    private static bool IsWorkload(string kind) => kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "Rollout";

    // Whether ApplicationOf's fallbacks (labels, then workload or namespace) could name the application.
    private static bool MayFallBackTo(ClusterPod pod, string application) =>
        pod.Labels.GetValueOrDefault("app.kubernetes.io/instance") == application
        || pod.Labels.GetValueOrDefault("argocd.argoproj.io/instance") == application
        || pod.Namespace == application
        || (pod.Workload is { } w && application.Length == pod.Namespace.Length + 1 + w.Length && application == $"{pod.Namespace}/{w}");
}
