using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>Probe failures, unschedulable pods and unhealthy nodes.</summary>
public sealed partial class SchedulingRules : IIncidentRule
{
    public IEnumerable<Finding> Evaluate(IncidentFacts facts)
    {
        foreach (var node in facts.Incident.Nodes)
        {
            if (node.Conditions.TryGetValue("Ready", out var ready) && ready != "True")
            {
                yield return NodeNotReady(facts, node, ready);
            }
            foreach (var pressure in new[] { "MemoryPressure", "DiskPressure", "PIDPressure" })
            {
                if (node.Conditions.TryGetValue(pressure, out var status) && status == "True")
                {
                    yield return NodePressure(facts, node, pressure);
                }
            }
        }
        var scheduling = facts.Incident.Pod?.Conditions.Where(c => c.StartsWith("PodScheduled=False", StringComparison.Ordinal))
            .Concat(facts.EventsMatching(FailedScheduling())).ToList() ?? [];
        if (scheduling.Count > 0 || (facts.Incident.Pod?.Phase == "Pending" && facts.Incident.Pod.Node is null && facts.EventsMatching(FailedScheduling()).Any()))
        {
            yield return Unschedulable(scheduling);
        }
        var probes = facts.EventsMatching(ProbeFailed()).ToList();
        if (probes.Count > 0)
        {
            var crashing = facts.Containers.Any(c => c.State.Reason == "CrashLoopBackOff");
            yield return new Finding(new RootCause
            {
                Category = "probe-failure",
                Title = "Health probes fail: the container does not answer its liveness or readiness check in time",
                Likelihood = crashing ? 0.45 : 0.75,
                Evidence = [.. probes.TakeLast(3)],
                Remediation = "Check the probe's path and port against the application; if start-up is slow, add a startupProbe or raise initialDelaySeconds and timeoutSeconds.",
                Scope = CauseScope.Application,
            }, Urgency.P1);
        }
    }

    private static Finding NodeNotReady(IncidentFacts facts, IncidentNode node, string ready)
    {
        var affected = facts.Incident.Pod?.Node == node.Name;
        return new Finding(new RootCause
        {
            Category = "node-not-ready",
            Title = $"Node {node.Name} is NotReady (Ready={ready}): its kubelet stopped reporting",
            Likelihood = affected ? 0.93 : 0.7,
            Evidence =
            [
                $"Node {node.Name}: Ready={ready}.",
                .. node.Taints.Where(t => t.Contains("unreachable", StringComparison.Ordinal) || t.Contains("not-ready", StringComparison.Ordinal)).Select(t => $"Taint: {t}"),
                .. affected ? new[] { $"{facts.PodName} is scheduled on {node.Name}." } : [],
            ],
            Remediation = $"Check the machine behind {node.Name} (power, network, WSL2 running, k3s-agent service: journalctl -u k3s-agent); "
                + "pods there are evicted after the toleration period. Cordon it if it will stay down.",
            Scope = CauseScope.Infrastructure,
        }, Urgency.P0);
    }

    private static Finding NodePressure(IncidentFacts facts, IncidentNode node, string pressure)
    {
        var affected = facts.Incident.Pod?.Node == node.Name;
        return new Finding(new RootCause
        {
            Category = "node-pressure",
            Title = $"Node {node.Name} is under {pressure}",
            Likelihood = affected ? 0.88 : 0.65,
            Evidence =
            [
                $"Node {node.Name}: {pressure}=True.",
                .. node.Taints.Where(t => t.Contains("pressure", StringComparison.Ordinal)).Select(t => $"Taint: {t}"),
                .. facts.EventsMatching(Evicted()).TakeLast(3),
            ],
            Remediation = pressure == "MemoryPressure"
                ? $"Find the largest memory users on {node.Name} (kubectl top pods -A --sort-by=memory), lower their limits or move training jobs; the kubelet evicts pods until pressure ends."
                : $"Free {(pressure == "DiskPressure" ? "disk space (images, logs)" : "process IDs")} on {node.Name}.",
            Scope = CauseScope.Infrastructure,
        }, Urgency.P1);
    }

    private static Finding Unschedulable(List<string> lines)
    {
        var reason = lines.LastOrDefault() ?? "";
        var remediation = reason switch
        {
            _ when reason.Contains("Insufficient memory", StringComparison.OrdinalIgnoreCase) => "Lower the pod's memory request, or free memory on the nodes that may run it.",
            _ when reason.Contains("Insufficient cpu", StringComparison.OrdinalIgnoreCase) => "Lower the pod's CPU request, or free CPU on the nodes that may run it.",
            _ when reason.Contains("taint", StringComparison.OrdinalIgnoreCase) => "Add the matching toleration, or target nodes without that taint.",
            _ when reason.Contains("affinity", StringComparison.OrdinalIgnoreCase) || reason.Contains("selector", StringComparison.OrdinalIgnoreCase)
                => "Fix the nodeSelector or affinity: no node carries the labels it asks for.",
            _ => "Read the scheduler's reason and adjust the pod's requests, tolerations or node selection.",
        };
        return new Finding(new RootCause
        {
            Category = "unschedulable",
            Title = "The scheduler cannot place the pod on any node",
            Likelihood = 0.9,
            Evidence = [.. lines.TakeLast(3)],
            Remediation = remediation,
            Scope = CauseScope.Infrastructure,
        }, Urgency.P1);
    }

    [GeneratedRegex(@"FailedScheduling|Unschedulable|nodes are available", RegexOptions.IgnoreCase)]
    private static partial Regex FailedScheduling();

    [GeneratedRegex(@"(Liveness|Readiness|Startup) probe failed", RegexOptions.IgnoreCase)]
    private static partial Regex ProbeFailed();

    [GeneratedRegex(@"Evict", RegexOptions.IgnoreCase)]
    private static partial Regex Evicted();
}
