using System.Globalization;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>Node conditions and taints under the node scenarios, and usage that moves.</summary>
internal static class NodeSimulation
{
    private const string UnreachableTaint = "node.kubernetes.io/unreachable";
    private const string MemoryPressureTaint = "node.kubernetes.io/memory-pressure";

    public static void Update(SandboxObjectStore store, SandboxEvents events, SandboxScenarios scenarios, TimeProvider clock, Random random, IReadOnlyList<V1Node> nodes)
    {
        var now = clock.GetUtcNow();
        var pods = store.List<V1Pod>();
        foreach (var node in nodes)
        {
            var worker = node.Metadata.Name == SandboxNodeCatalog.Worker;
            var notReady = worker && scenarios.IsActive(SandboxScenario.NodeNotReady);
            var pressure = worker && scenarios.IsActive(SandboxScenario.NodeMemoryPressure);
            var conditions = NodeConditions.Healthy(now);
            if (notReady)
            {
                conditions = [.. conditions.Select(c => NodeConditions.Condition(c.Type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", now))];
            }
            else if (pressure)
            {
                conditions[1] = NodeConditions.Condition("MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", now);
            }
            var taints = (node.Spec.Taints ?? []).Where(t => t.Key is not UnreachableTaint and not MemoryPressureTaint).ToList();
            if (notReady)
            {
                taints.Add(new V1Taint { Key = UnreachableTaint, Effect = "NoSchedule", TimeAdded = now.UtcDateTime });
            }
            if (pressure)
            {
                taints.Add(new V1Taint { Key = MemoryPressureTaint, Effect = "NoSchedule", TimeAdded = now.UtcDateTime });
            }
            var wasReady = node.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");
            var hadPressure = node.Status.Conditions.Any(c => c.Type == "MemoryPressure" && c.Status == "True");
            if (wasReady == notReady)
            {
                events.Record(null, "Node", node.Metadata.Name, notReady ? "Warning" : "Normal", notReady ? "NodeNotReady" : "NodeReady",
                    notReady ? $"Node {node.Metadata.Name} status is now: NodeNotReady" : $"Node {node.Metadata.Name} status is now: NodeReady", "node-controller");
            }
            if (hadPressure != pressure)
            {
                events.Record(null, "Node", node.Metadata.Name, pressure ? "Warning" : "Normal", pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory",
                    $"Node {node.Metadata.Name} status is now: {(pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory")}");
            }

            var onNode = pods.Where(p => p.Spec.NodeName == node.Metadata.Name).ToList();
            var cpu = onNode.Sum(p => PodScheduler.Requests(p.Spec).Cpu) * 0.6m + 0.4m + (decimal)random.NextDouble() * 0.3m;
            var memory = onNode.Sum(p => PodScheduler.Requests(p.Spec).Memory) * (pressure ? 1.6m : 0.7m) + 1.2m * 1024 * 1024 * 1024;
            store.Mutate(SandboxResources.Nodes, null, node.Metadata.Name, json =>
            {
                json["metadata"]!["annotations"]![WorkloadSimulator.UsageCpuAnnotation] = ((long)(cpu * 1000)).ToString(CultureInfo.InvariantCulture);
                json["metadata"]!["annotations"]![WorkloadSimulator.UsageMemoryAnnotation] = ((long)memory).ToString(CultureInfo.InvariantCulture);
                json["spec"]!["taints"] = taints.Count > 0 ? SandboxJson.ToNode(taints) : null;
                json["status"]!["conditions"] = SandboxJson.ToNode(conditions);
            });
        }
    }
}
