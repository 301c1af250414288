using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>Crash loops, out-of-memory kills, image pulls and CPU architecture mismatches.</summary>
public sealed partial class ContainerRules : IIncidentRule
{
    public IEnumerable<Finding> Evaluate(IncidentFacts facts)
    {
        var archLines = facts.Matching(ExecFormat()).Take(3).ToList();
        if (archLines.Count > 0)
        {
            yield return Architecture(facts, archLines);
        }
        foreach (var container in facts.Containers)
        {
            var oom = IsOom(container.State) || (container.LastState is { } last && IsOom(last));
            if (oom)
            {
                yield return OomKilled(facts, container);
            }
            if (container.State.Reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName" && archLines.Count == 0)
            {
                yield return ImagePull(facts, container);
            }
            var crashLooping = container.State.Reason == "CrashLoopBackOff" || (container.Restarts >= 3 && container.LastState?.State == "terminated");
            if (crashLooping)
            {
                yield return CrashLoop(facts, container, explainedElsewhere: oom || archLines.Count > 0);
            }
        }
    }

    private static bool IsOom(ContainerStateInfo state) => state.Reason == "OOMKilled" || (state.State == "terminated" && state.ExitCode == 137);

    private static Finding Architecture(IncidentFacts facts, List<string> lines)
    {
        var node = facts.PodNode;
        var evidence = new List<string>(lines.Select(l => $"Log/event: {l}"));
        if (node?.Architecture is { } arch)
        {
            evidence.Add($"{facts.PodName} runs on node {node.Name}, architecture {arch}.");
        }
        var image = facts.Containers.FirstOrDefault()?.Image;
        if (image is not null)
        {
            evidence.Add($"Image: {image}");
        }
        return new Finding(new RootCause
        {
            Category = "image-architecture-mismatch",
            Title = $"The image has no build for the node's CPU architecture{(node?.Architecture is { } a ? $" ({a})" : "")}",
            Likelihood = 0.97,
            Evidence = evidence,
            Remediation = "Publish a multi-architecture image (docker buildx build --platform linux/amd64,linux/arm64), "
                + "or pin the workload to matching nodes with nodeSelector kubernetes.io/arch.",
            Scope = CauseScope.Application,
        }, Urgency.P1);
    }

    private static Finding OomKilled(IncidentFacts facts, IncidentContainer container)
    {
        var limit = IncidentFacts.Quantity(container.Limits.GetValueOrDefault("memory"));
        var evidence = new List<string>
        {
            $"Container {container.Name} terminated with reason {container.LastState?.Reason ?? container.State.Reason} (exit code {container.LastState?.ExitCode ?? container.State.ExitCode}), {container.Restarts} restarts.",
            limit is { } l ? $"Memory limit: {IncidentFacts.Bytes(l)}." : "No memory limit recorded in the context.",
        };
        if (facts.Incident.Metrics?.MemoryWorkingSetBytes is { } used)
        {
            evidence.Add($"Working set before the kill: {IncidentFacts.Bytes(used)}{(limit is { } lim ? $" ({used / lim:P0} of the limit)" : "")}.");
        }
        evidence.AddRange(facts.LogsMatching(MemoryLine()).TakeLast(3).Select(l => $"Log: {l}"));
        return new Finding(new RootCause
        {
            Category = "oom-killed",
            Title = $"{container.Name} exceeds its memory limit{(limit is { } x ? $" of {IncidentFacts.Bytes(x)}" : "")} and is OOMKilled",
            Likelihood = 0.95,
            Evidence = evidence,
            Remediation = "Raise resources.limits.memory above the observed peak (with headroom) in the manifests repository, "
                + "or lower the workload's memory use (smaller batches or caches); check the node can hold the new limit.",
            Scope = CauseScope.Application,
        }, Urgency.P1);
    }

    private static Finding ImagePull(IncidentFacts facts, IncidentContainer container)
    {
        var message = container.State.Message ?? facts.EventsMatching(PullEvent()).LastOrDefault() ?? "";
        var auth = AuthFailure().IsMatch(message);
        var missing = NotFound().IsMatch(message);
        return new Finding(new RootCause
        {
            Category = "image-pull",
            Title = auth ? $"The registry refuses to serve {container.Image} (credentials)"
                : missing ? $"Image {container.Image} does not exist in the registry"
                : $"Kubernetes cannot pull {container.Image}",
            Likelihood = 0.9,
            Evidence = [$"Container {container.Name} is waiting: {container.State.Reason}.", .. message.Length > 0 ? new[] { message } : []],
            Remediation = auth ? "Check the imagePullSecrets and that the pull token has not expired."
                : "Check the image name and tag in the manifests (a typo or an unpublished tag), then push the image or fix the tag.",
            Scope = auth ? CauseScope.Infrastructure : CauseScope.Application,
        }, Urgency.P1);
    }

    private static Finding CrashLoop(IncidentFacts facts, IncidentContainer container, bool explainedElsewhere)
    {
        var exit = container.LastState?.ExitCode ?? container.State.ExitCode;
        var tail = facts.ErrorTail(4);
        var evidence = new List<string>
        {
            $"Container {container.Name} is in {container.State.Reason ?? container.State.State} with {container.Restarts} restarts; last exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}{(container.LastState?.Reason is { } r ? $" ({r})" : "")}.",
        };
        evidence.AddRange(tail.Select(l => $"Last log: {l}"));
        var configHint = tail.Any(l => ConfigError().IsMatch(l));
        return new Finding(new RootCause
        {
            Category = "crash-loop",
            Title = configHint
                ? $"{container.Name} exits at start-up: a configuration or dependency it needs is missing"
                : $"{container.Name} crashes at start-up (exit code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})",
            Likelihood = explainedElsewhere ? 0.5 : 0.85,
            Evidence = evidence,
            Remediation = configHint
                ? "Fix the reference the log names (model version, config value, secret) in the manifests, or roll back to the last revision that started."
                : "Read the previous container's log for the exception; roll back to the last working revision if this started with a deploy.",
            Scope = CauseScope.Application,
        }, Urgency.P1);
    }

    [GeneratedRegex(@"exec format error|no matching manifest for|image's platform .* does not match", RegexOptions.IgnoreCase)]
    private static partial Regex ExecFormat();

    [GeneratedRegex(@"memory|rss|heap|oom", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryLine();

    [GeneratedRegex(@"pull|image", RegexOptions.IgnoreCase)]
    private static partial Regex PullEvent();

    [GeneratedRegex(@"unauthorized|denied|authentication required|403", RegexOptions.IgnoreCase)]
    private static partial Regex AuthFailure();

    [GeneratedRegex(@"not found|manifest unknown|404", RegexOptions.IgnoreCase)]
    private static partial Regex NotFound();

    [GeneratedRegex(@"not found|no such|missing|KeyError|environment variable|config|permission denied|connection refused", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigError();
}
