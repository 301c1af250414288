using System.Globalization;
using System.Text.RegularExpressions;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Rules;

/// <summary>Latency (CPU throttling, a recent deploy) and GitOps drift from a hand-made change.</summary>
public sealed partial class ServiceRules(TimeProvider clock) : IIncidentRule
{
    private const double SlowRequestMilliseconds = 500;
    private static readonly TimeSpan RecentDeployWindow = TimeSpan.FromHours(2);

    public IEnumerable<Finding> Evaluate(IncidentFacts facts)
    {
        if (facts.Incident.GitOps is { Sync: "OutOfSync" } gitops)
        {
            yield return new Finding(new RootCause
            {
                Category = "gitops-drift",
                Title = $"The live state of {gitops.Application} differs from git: a change was made by hand (kubectl), not through the repository",
                Likelihood = 0.85,
                Evidence = [$"Argo CD application {gitops.Application}: sync {gitops.Sync}, health {gitops.Health}.", .. gitops.OutOfSyncResources.Take(5)],
                Remediation = "Let Argo CD self-heal (or sync) to restore git's state; if the change was needed, commit it to the manifests repository instead.",
                Scope = CauseScope.Infrastructure,
            }, Urgency.P2);
        }
        var slowLines = facts.LogLines.Where(l => SlowLine().IsMatch(l) || LatencyOf(l) > SlowRequestMilliseconds).ToList();
        var metrics = facts.Incident.Metrics;
        var latencyHigh = facts.AlertNamed(LatencyAlert())
            || (metrics?.LatencyP95Seconds is { } p95 && p95 > Math.Max(0.5, 2 * (metrics.BaselineLatencyP95Seconds ?? 0.25)))
            || slowLines.Count >= 2;
        if (!latencyHigh)
        {
            yield break;
        }
        var latencyEvidence = new List<string>();
        if (metrics?.LatencyP95Seconds is { } observed)
        {
            latencyEvidence.Add(string.Create(CultureInfo.InvariantCulture, $"p95 latency {observed * 1000:0} ms{(metrics.BaselineLatencyP95Seconds is { } b ? $" (baseline {b * 1000:0} ms)" : "")}."));
        }
        var slowest = facts.LogLines.Select(LatencyOf).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty().Max();
        if (slowest > 0)
        {
            latencyEvidence.Add(string.Create(CultureInfo.InvariantCulture, $"Slowest request in the log: {slowest:0} ms."));
        }
        var throttleLines = facts.LogsMatching(Throttled()).ToList();
        var throttledRatio = metrics?.CpuThrottledRatio;
        if (throttleLines.Count > 0 || throttledRatio > 0.25)
        {
            var cpuLimit = facts.Containers.Select(c => c.Limits.GetValueOrDefault("cpu")).FirstOrDefault(c => c is not null);
            yield return new Finding(new RootCause
            {
                Category = "cpu-throttling",
                Title = $"Latency rises because the container is CPU-throttled at its limit{(cpuLimit is not null ? $" ({cpuLimit} cores)" : "")}",
                Likelihood = throttledRatio > 0.25 || throttleLines.Count >= 2 ? 0.82 : 0.6,
                Evidence =
                [
                    .. latencyEvidence,
                    .. throttledRatio is { } r ? new[] { string.Create(CultureInfo.InvariantCulture, $"{r:P0} of CPU periods throttled.") } : [],
                    .. throttleLines.TakeLast(3).Select(l => $"Log: {l}"),
                ],
                Remediation = "Raise resources.limits.cpu (or remove the CPU limit and keep the request), or scale out with more replicas; check which request path got heavier.",
                Scope = CauseScope.Application,
            }, Urgency.P1);
        }
        var reference = facts.Incident.Alert?.StartsAt ?? clock.GetUtcNow();
        var deploy = facts.Incident.RecentCommits.Where(c => c.When <= reference && reference - c.When <= RecentDeployWindow).MaxBy(c => c.When);
        if (deploy is not null)
        {
            yield return new Finding(new RootCause
            {
                Category = "recent-deploy",
                Title = $"Latency started after a recent change: {deploy.Message.Split('\n')[0]}",
                Likelihood = 0.7,
                Evidence =
                [
                    .. latencyEvidence,
                    string.Create(CultureInfo.InvariantCulture, $"Commit {deploy.Sha[..Math.Min(8, deploy.Sha.Length)]} by {deploy.Author}, {(reference - deploy.When).TotalMinutes:0} minutes before: {deploy.Message.Split('\n')[0]}"),
                ],
                Remediation = "Compare the new revision with the previous one; roll back the commit if the latency started with it.",
                Scope = CauseScope.Application,
            }, Urgency.P1);
        }
        yield return new Finding(new RootCause
        {
            Category = "latency-load",
            Title = "Latency is high without throttling or a recent change: more load or a slower dependency",
            Likelihood = 0.35,
            Evidence = latencyEvidence.Count > 0 ? latencyEvidence : [.. slowLines.TakeLast(3)],
            Remediation = "Check request rate and downstream dependencies (model registry, database); scale out if traffic grew.",
            Scope = CauseScope.Application,
        }, Urgency.P2);
    }

    private static double? LatencyOf(string line) =>
        LatencyField().Match(line) is { Success: true } m && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;

    [GeneratedRegex(@"\bslow\b|timeout|timed out", RegexOptions.IgnoreCase)]
    private static partial Regex SlowLine();

    [GeneratedRegex(@"latency|slow", RegexOptions.IgnoreCase)]
    private static partial Regex LatencyAlert();

    [GeneratedRegex(@"throttl|cfs quota", RegexOptions.IgnoreCase)]
    private static partial Regex Throttled();

    [GeneratedRegex("\"?latency_ms\"?\\s*[:=]\\s*([0-9.]+)")]
    private static partial Regex LatencyField();
}
