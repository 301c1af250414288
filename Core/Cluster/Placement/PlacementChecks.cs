using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Core.Cluster.Placement;

public enum PlacementCheck
{
    ArchitectureMismatch,
    HeavyWorkloadOnControlPlane,
    OverBudget,
    NodePressure,
    PinnedToNotReadyNode,
}

/// <summary>A placement problem and the facts that show it, so the on-call engineer need not take it on trust.</summary>
public sealed record PlacementWarning(PlacementCheck Check, string Node, string Subject, string Summary, IReadOnlyList<string> Evidence);

/// <summary>
/// Where workloads run against what the platform allows: an image without a build for its node's
/// architecture, heavy work on the control plane, requests over the budget table, node pressure,
/// and workloads that can only run on a node that is NotReady.
/// </summary>
public static class PlacementChecks
{
    private const decimal Mi = 1024m * 1024m;

    public static IReadOnlyList<PlacementWarning> Evaluate(ClusterSnapshot snapshot)
    {
        var nodes = snapshot.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var pods = snapshot.Pods.Values.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var warnings = new List<PlacementWarning>();
        foreach (var node in nodes)
        {
            warnings.AddRange(node.Pressures.Select(p => new PlacementWarning(
                PlacementCheck.NodePressure, node.Name, node.Name, $"{node.Name} reports {p.Type}",
                [$"condition {p.Type}=True ({p.Reason}): {p.Message}", $"{pods.Count(x => x.NodeName == node.Name)} pods on the node", .. node.Taints.Select(t => $"taint {t}")])));
        }
        foreach (var pod in pods)
        {
            var node = pod.NodeName is null ? null : snapshot.Nodes.GetValueOrDefault(pod.NodeName);
            if (node is not null)
            {
                warnings.AddRange(ArchitectureMismatches(snapshot, pod, node));
                if (node.IsControlPlane && PlatformBudgets.IsHeavy(pod))
                {
                    warnings.Add(new PlacementWarning(PlacementCheck.HeavyWorkloadOnControlPlane, node.Name, pod.Key,
                        $"{pod.Key} is a heavy workload on the control plane",
                        [$"node {node.Name} has role control-plane", $"requests {Cpu(pod.RequestCpu)} CPU / {Memory(pod.RequestMemory)}, limits {Cpu(pod.LimitCpu)} CPU / {Memory(pod.LimitMemory)}",
                            .. PlatformBudgets.For(pod.Namespace) is { } b ? [$"budget table places {b.Workload} on {b.Node}"] : Array.Empty<string>()]));
                }
            }
            if (PlatformBudgets.For(pod.Namespace) is { } budget && OverBudget(pod, budget) is { Count: > 0 } over)
            {
                warnings.Add(new PlacementWarning(PlacementCheck.OverBudget, pod.NodeName ?? "unscheduled", pod.Key,
                    $"{pod.Key} asks for more than the {budget.Workload} budget", over));
            }
            var candidates = nodes.Where(pod.CanRunOn).ToList();
            if (candidates.Count > 0 && candidates.All(n => !n.IsReady) && (node is null || !node.IsReady))
            {
                var target = candidates.Count == 1 ? candidates[0].Name : string.Join(", ", candidates.Select(n => n.Name));
                warnings.Add(new PlacementWarning(PlacementCheck.PinnedToNotReadyNode, target, pod.Key,
                    $"{pod.Key} can only run on {target}, which is NotReady",
                    [.. Constraints(pod), .. candidates.Select(n => $"{n.Name}: Ready={n.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Status ?? "missing"} ({n.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Message})")]));
            }
        }
        return warnings;
    }

    private static IEnumerable<PlacementWarning> ArchitectureMismatches(ClusterSnapshot snapshot, ClusterPod pod, ClusterNode node)
    {
        foreach (var container in pod.Containers)
        {
            var architectures = ImageCatalog.ArchitecturesOf(container.Image);
            if (node.Architecture.Length == 0 || architectures.Contains(node.Architecture))
            {
                continue;
            }
            var status = pod.ContainerStatuses.FirstOrDefault(s => s.Name == container.Name);
            var evidence = new List<string>
            {
                $"image {container.Image} is built for {string.Join(", ", architectures)} only",
                $"node {node.Name} is {node.Architecture}",
            };
            if (status is not null)
            {
                evidence.Add($"container {container.Name}: {status.Reason ?? status.State}, {status.RestartCount} restarts{(status.LastExitCode is { } code ? $", last exit code {code}" : "")}");
            }
            evidence.AddRange(snapshot.EventsFor("Pod", pod.Namespace, pod.Name).Where(e => e.Type == "Warning").Take(2).Select(e => $"event {e.Reason}: {e.Message}"));
            yield return new PlacementWarning(PlacementCheck.ArchitectureMismatch, node.Name, pod.Key,
                $"{pod.Key} runs an image with no {node.Architecture} build on {node.Name}", evidence);
        }
    }

    private static List<string> OverBudget(ClusterPod pod, WorkloadBudget budget)
    {
        var over = new List<string>();
        if (pod.RequestMemory > budget.MaxMemoryBytes)
        {
            over.Add($"memory request {Memory(pod.RequestMemory)} > budget {Memory(budget.MaxMemoryBytes)}");
        }
        if (pod.LimitMemory > budget.MaxMemoryBytes)
        {
            over.Add($"memory limit {Memory(pod.LimitMemory)} > budget {Memory(budget.MaxMemoryBytes)}");
        }
        if (pod.RequestCpu > budget.MaxCpu)
        {
            over.Add($"CPU request {Cpu(pod.RequestCpu)} > budget {Cpu(budget.MaxCpu)}");
        }
        if (pod.LimitCpu > budget.MaxCpu)
        {
            over.Add($"CPU limit {Cpu(pod.LimitCpu)} > budget {Cpu(budget.MaxCpu)}");
        }
        return over;
    }

    private static IEnumerable<string> Constraints(ClusterPod pod) =>
        pod.NodeSelector.Select(s => $"nodeSelector {s.Key}={s.Value}")
            .Concat(pod.RequiredNodeTerms.SelectMany(t => t).Select(r => $"required node affinity {r}"));

    public static string Memory(decimal bytes) =>
        bytes >= 1024 * Mi ? $"{bytes / (1024 * Mi):0.##} GiB" : $"{bytes / Mi:0} MiB";

    public static string Cpu(decimal cores) => cores < 1 ? $"{cores * 1000:0}m" : $"{cores:0.##}";
}
