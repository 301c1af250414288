using System.Text.Json.Nodes;
using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// One kubelet step for a scheduled pod: start its containers, keep them running and logging,
/// or crash them the way the real cause would (exec format error, exit 1 with a traceback,
/// OOMKilled 137) with restarts and CrashLoopBackOff.
/// </summary>
internal sealed class PodLifecycle(SandboxObjectStore store, SandboxEvents events, SandboxScenarios scenarios, TimeProvider clock, Random random)
{
    public void Advance(V1Pod pod, V1Node node, long tick)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var arch = node.Status.NodeInfo.Architecture;
        var nodeReady = node.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True");
        var now = clock.GetUtcNow().UtcDateTime;
        var container = pod.Spec.Containers[0];
        var previous = pod.Status?.ContainerStatuses?.FirstOrDefault();
        var restarts = previous?.RestartCount ?? 0;
        var crash = CrashCause(pod, container, arch);

        if (previous is null)
        {
            events.Record(ns, "Pod", name, "Normal", "Pulled", $"Container image \"{container.Image}\" already present on machine");
            events.Record(ns, "Pod", name, "Normal", "Created", $"Created container {container.Name}");
            events.Record(ns, "Pod", name, "Normal", "Started", $"Started container {container.Name}");
            WriteStatus(pod, node, ready: false, Running(now), null, restarts, now);
            return;
        }
        if (crash is { } cause)
        {
            // The kubelet restarts every few steps (back-off), writing the crash to the logs each time.
            if (previous.State?.Running is not null || tick % 4 == 0)
            {
                store.Logs.RestartContainer(ns, name, container.Name);
                store.Logs.Append(ns, name, container.Name, cause.Logs);
                restarts++;
                events.Record(ns, "Pod", name, "Warning", "BackOff", $"Back-off restarting failed container {container.Name} in pod {name}_{ns}({pod.Metadata.Uid})");
                if (cause.Reason == "OOMKilled")
                {
                    events.Record(ns, "Pod", name, "Warning", "OOMKilling", $"Memory cgroup out of memory: Killed process in container {container.Name}");
                }
            }
            var terminated = new V1ContainerStateTerminated { ExitCode = cause.ExitCode, Reason = cause.Reason, StartedAt = now.AddSeconds(-2), FinishedAt = now };
            var waiting = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = $"back-off restarting failed container {container.Name} in pod {name}_{ns}" } };
            WriteStatus(pod, node, ready: false, waiting, new V1ContainerState { Terminated = terminated }, restarts, now);
            return;
        }
        var ready = nodeReady;
        if (previous.Ready != ready || previous.State?.Running is null)
        {
            WriteStatus(pod, node, ready, Running(now), previous.LastState, restarts, now);
        }
        if (nodeReady)
        {
            store.Logs.Append(ns, name, container.Name, ServiceLogs.Line(pod, container, now, scenarios.IsActive(SandboxScenario.LatencySpike), random));
        }
    }

    private sealed record Crash(string Reason, int ExitCode, string[] Logs);

    private Crash? CrashCause(V1Pod pod, V1Container container, string arch)
    {
        if (!ImageCatalog.Supports(container.Image, arch))
        {
            return new Crash("Error", 255, [$"exec /usr/local/bin/entrypoint: exec format error"]);
        }
        var serving = pod.Metadata.NamespaceProperty == SandboxScenarios.ServingNamespace
            && pod.Metadata.OwnerReferences?.Any(o => o.Name == SandboxScenarios.ServingDeployment) == true;
        if (serving && scenarios.IsActive(SandboxScenario.OomKilled))
        {
            return new Crash("OOMKilled", 137, ServiceLogs.OomLines(clock.GetUtcNow()));
        }
        if (serving && scenarios.IsActive(SandboxScenario.CrashLoop))
        {
            return new Crash("Error", 1, ServiceLogs.CrashLines(clock.GetUtcNow()));
        }
        return null;
    }

    private static V1ContainerState Running(DateTime now) => new() { Running = new V1ContainerStateRunning { StartedAt = now } };

    private void WriteStatus(V1Pod pod, V1Node node, bool ready, V1ContainerState state, V1ContainerState? lastState, int restarts, DateTime now)
    {
        var container = pod.Spec.Containers[0];
        var status = new V1PodStatus
        {
            Phase = "Running",
            HostIP = node.Status.Addresses.First(a => a.Type == "InternalIP").Address,
            PodIP = $"10.42.{(node.Metadata.Name == SandboxNodeCatalog.ControlPlane ? 0 : 1)}.{Math.Abs(pod.Metadata.Name.GetHashCode()) % 250 + 2}",
            StartTime = pod.Status?.StartTime ?? now,
            QosClass = "Burstable",
            Conditions =
            [
                new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now },
                new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
                new V1PodCondition { Type = "ContainersReady", Status = ready ? "True" : "False", LastTransitionTime = now },
                new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = now },
            ],
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = container.Name,
                    Image = container.Image,
                    ImageID = $"{ImageCatalog.RepositoryOf(container.Image)}@sha256:{SandboxEvents.StableHash(container.Image)}{SandboxEvents.StableHash(container.Image + "/")}{SandboxEvents.StableHash(container.Image + "//")}{SandboxEvents.StableHash(container.Image + "///")}",
                    Ready = ready,
                    Started = state.Running is not null,
                    RestartCount = restarts,
                    State = state,
                    LastState = lastState,
                    ContainerID = $"containerd://{SandboxEvents.StableHash(pod.Metadata.Name + restarts)}",
                },
            ],
        };
        store.ReplaceStatus(SandboxResources.Pods, pod.Metadata.NamespaceProperty, pod.Metadata.Name, SandboxJson.ToNode(status));
    }
}
