using System.Text.Json.Nodes;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// The simulated controllers and kubelets: Deployments get pods, pods get scheduled, start,
/// become ready or crash (wrong architecture, scenarios), write logs; nodes report usage.
/// One <see cref="Tick"/> is one step of all of it.
/// </summary>
public sealed class WorkloadSimulator(SandboxObjectStore store, SandboxEvents events, SandboxScenarios scenarios, TimeProvider clock)
{
    public const string UsageCpuAnnotation = "sandbox.mlops.dev/cpu-usage-millicores";
    public const string UsageMemoryAnnotation = "sandbox.mlops.dev/memory-usage-bytes";
    private const string TemplateHashLabel = "pod-template-hash";
    private readonly Random _random = new(7);
    private long _tick;

    public void Tick()
    {
        _tick++;
        var nodes = store.List<V1Node>().ToList();
        foreach (var deployment in store.List<V1Deployment>())
        {
            ReconcileReplicas(deployment);
        }
        var pods = store.List<V1Pod>();
        var requested = pods.Where(p => p.Spec.NodeName is not null)
            .GroupBy(p => p.Spec.NodeName)
            .ToDictionary(g => g.Key, g => (g.Sum(p => PodScheduler.Requests(p.Spec).Cpu), g.Sum(p => PodScheduler.Requests(p.Spec).Memory)));
        foreach (var pod in pods)
        {
            var node = nodes.FirstOrDefault(n => n.Metadata.Name == pod.Spec.NodeName);
            if (node is null)
            {
                TrySchedule(pod, nodes, requested);
            }
            else
            {
                new PodLifecycle(store, events, scenarios, clock, _random).Advance(pod, node, _tick);
            }
        }
        foreach (var deployment in store.List<V1Deployment>())
        {
            UpdateDeploymentStatus(deployment);
        }
        NodeSimulation.Update(store, events, scenarios, clock, _random, nodes);
    }

    private void ReconcileReplicas(V1Deployment deployment)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var hash = SandboxEvents.StableHash(SandboxObjects.ToJsonObject(deployment)["spec"]!["template"]!.ToJsonString())[..10];
        var owned = store.List<V1Pod>(ns).Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == deployment.Metadata.Uid) == true).ToList();
        var current = owned.Where(p => Labels.Of(p.Metadata, TemplateHashLabel) == hash).ToList();
        var desired = deployment.Spec.Replicas ?? 1;
        for (var i = current.Count; i < desired; i++)
        {
            CreatePod(deployment, hash);
        }
        foreach (var surplus in current.Skip(desired))
        {
            DeletePod(surplus, "Killing", "Stopping container (scaled down)");
        }
        // Rolling update: old pods go once the new ones are ready (or there are none left to wait for).
        var newReady = current.Count(IsReady);
        foreach (var old in owned.Where(p => Labels.Of(p.Metadata, TemplateHashLabel) != hash))
        {
            if (newReady >= Math.Min(desired, current.Count) || !IsReady(old))
            {
                DeletePod(old, "Killing", "Stopping container (rolling update)");
            }
        }
    }

    private void CreatePod(V1Deployment deployment, string hash)
    {
        var name = $"{deployment.Metadata.Name}-{hash}-{RandomSuffix()}";
        var template = deployment.Spec.Template;
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>()) { [TemplateHashLabel] = hash };
        store.Create(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = deployment.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment.Metadata.Name, Uid = deployment.Metadata.Uid, Controller = true }],
            },
            Spec = template.Spec,
            Status = new V1PodStatus { Phase = "Pending", QosClass = "Burstable" },
        });
        events.Record(deployment.Metadata.NamespaceProperty, "Deployment", deployment.Metadata.Name, "Normal", "ScalingReplicaSet", $"Scaled up replica set {deployment.Metadata.Name}-{hash}", "deployment-controller");
    }

    private void DeletePod(V1Pod pod, string reason, string message)
    {
        store.TryDelete(SandboxResources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        store.Logs.RemovePod(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        events.Record(pod.Metadata.NamespaceProperty, "Pod", pod.Metadata.Name, "Normal", reason, message);
    }

    private void TrySchedule(V1Pod pod, List<V1Node> nodes, Dictionary<string, (decimal Cpu, decimal Memory)> requested)
    {
        var decision = PodScheduler.Schedule(pod.Spec, nodes, requested);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!decision.Scheduled)
        {
            var condition = new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = decision.Message, LastTransitionTime = now };
            if (pod.Status?.Conditions?.FirstOrDefault()?.Message != decision.Message)
            {
                store.Mutate(SandboxResources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, json =>
                    json["status"] = new JsonObject { ["phase"] = "Pending", ["conditions"] = new JsonArray(SandboxJson.ToNode(condition)) });
            }
            events.Record(pod.Metadata.NamespaceProperty, "Pod", pod.Metadata.Name, "Warning", "FailedScheduling", decision.Message, "default-scheduler");
            return;
        }
        var (cpu, memory) = PodScheduler.Requests(pod.Spec);
        var used = requested.GetValueOrDefault(decision.NodeName!);
        requested[decision.NodeName!] = (used.Cpu + cpu, used.Memory + memory);
        store.Mutate(SandboxResources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, json =>
        {
            json["spec"]!["nodeName"] = decision.NodeName;
            json["status"] = new JsonObject
            {
                ["phase"] = "Pending",
                ["conditions"] = new JsonArray(SandboxJson.ToNode(new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now })),
            };
        });
        events.Record(pod.Metadata.NamespaceProperty, "Pod", pod.Metadata.Name, "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to {decision.NodeName}", "default-scheduler");
    }

    private void UpdateDeploymentStatus(V1Deployment deployment)
    {
        var pods = store.List<V1Pod>(deployment.Metadata.NamespaceProperty).Where(p => p.Metadata.OwnerReferences?.Any(o => o.Uid == deployment.Metadata.Uid) == true).ToList();
        var ready = pods.Count(IsReady);
        var desired = deployment.Spec.Replicas ?? 1;
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Metadata.Generation ?? 1,
            ["replicas"] = pods.Count,
            ["updatedReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["unavailableReplicas"] = Math.Max(0, desired - ready),
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = ready >= desired ? "True" : "False", ["reason"] = ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable" },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = ready >= desired ? "NewReplicaSetAvailable" : "ReplicaSetUpdated" }),
        };
        var current = store.Get(SandboxResources.Deployments, deployment.Metadata.NamespaceProperty, deployment.Metadata.Name)?["status"];
        if (current is null || !JsonNode.DeepEquals(current, status))
        {
            store.ReplaceStatus(SandboxResources.Deployments, deployment.Metadata.NamespaceProperty, deployment.Metadata.Name, status);
        }
    }

    public static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private string RandomSuffix()
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, _random, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[random.Next(Alphabet.Length)];
            }
        });
    }
}
