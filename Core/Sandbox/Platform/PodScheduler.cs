using k8s.Models;

namespace MlOpsDashboard.Core.Sandbox.Platform;

public sealed record SchedulingDecision(string? NodeName, string Message)
{
    public bool Scheduled => NodeName is not null;
}

/// <summary>
/// The filters of kube-scheduler that matter on this platform: node readiness, nodeSelector,
/// required node affinity, NoSchedule taints, and CPU/memory requests against allocatable.
/// The message on failure is worded as the real scheduler words it.
/// </summary>
public static class PodScheduler
{
    public static SchedulingDecision Schedule(V1PodSpec pod, IReadOnlyList<V1Node> nodes, IReadOnlyDictionary<string, (decimal Cpu, decimal Memory)> requestedByNode)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var (cpu, memory) = Requests(pod);
        foreach (var node in nodes.OrderByDescending(n => Free(n, requestedByNode).Memory))
        {
            var reason = Rejection(pod, node, cpu, memory, requestedByNode);
            if (reason is null)
            {
                return new SchedulingDecision(node.Metadata.Name, $"Successfully assigned to {node.Metadata.Name}");
            }
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        var detail = string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        return new SchedulingDecision(null, $"0/{nodes.Count} nodes are available: {detail}. preemption: 0/{nodes.Count} nodes are available: {nodes.Count} Preemption is not helpful for scheduling.");
    }

    public static (decimal Cpu, decimal Memory) Requests(V1PodSpec pod) =>
        (pod.Containers.Sum(c => Quantity(c.Resources?.Requests, "cpu")), pod.Containers.Sum(c => Quantity(c.Resources?.Requests, "memory")));

    private static string? Rejection(V1PodSpec pod, V1Node node, decimal cpu, decimal memory, IReadOnlyDictionary<string, (decimal Cpu, decimal Memory)> requestedByNode)
    {
        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        if (pod.NodeSelector is { } selector && selector.Any(s => !labels.TryGetValue(s.Key, out var v) || v != s.Value))
        {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        var required = pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is not null && !required.NodeSelectorTerms.Any(term => Matches(term, labels)))
        {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        var untolerated = (node.Spec?.Taints ?? []).FirstOrDefault(t => t.Effect is "NoSchedule" or "NoExecute" && !Tolerated(t, pod.Tolerations));
        if (untolerated is not null)
        {
            return $"node(s) had untolerated taint {{{untolerated.Key}: {untolerated.Value}}}";
        }
        var free = Free(node, requestedByNode);
        if (cpu > free.Cpu)
        {
            return "Insufficient cpu";
        }
        return memory > free.Memory ? "Insufficient memory" : null;
    }

    private static (decimal Cpu, decimal Memory) Free(V1Node node, IReadOnlyDictionary<string, (decimal Cpu, decimal Memory)> requestedByNode)
    {
        var used = requestedByNode.GetValueOrDefault(node.Metadata.Name);
        return (Quantity(node.Status?.Allocatable, "cpu") - used.Cpu, Quantity(node.Status?.Allocatable, "memory") - used.Memory);
    }

    private static bool Matches(V1NodeSelectorTerm term, IDictionary<string, string> labels) =>
        (term.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });

    private static bool Tolerated(V1Taint taint, IList<V1Toleration>? tolerations) =>
        (tolerations ?? []).Any(t =>
            (t.Effect is null || t.Effect == taint.Effect)
            && (t.OperatorProperty == "Exists" ? t.Key is null || t.Key == taint.Key : t.Key == taint.Key && (t.Value ?? "") == (taint.Value ?? "")));

    internal static decimal Quantity(IDictionary<string, ResourceQuantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var quantity) ? quantity.ToDecimal() : 0m;
}
