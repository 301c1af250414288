using System.Globalization;
using System.Text;

namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>
/// The incident as plain text sections, bounded in size: what an LLM reads and what the report
/// shows as "sent". Logs are cut from the front (the last lines matter most) and the cut is marked.
/// </summary>
public static class IncidentText
{
    public static (string Text, IReadOnlyList<string> Truncations) Render(CapturedIncident incident, int maxChars)
    {
        var truncations = new List<string>(incident.Truncations);
        var head = new StringBuilder();
        Line(head, $"Domain: {incident.ResolvedDomain}");
        if (incident.Application is { } app)
        {
            Line(head, $"Application: {app}");
        }
        if (incident.Alert is { } alert)
        {
            Line(head, $"## Alert ({alert.Status}{(alert.StartsAt is { } s ? $", since {s:u}" : "")})");
            foreach (var (key, value) in alert.Labels)
            {
                Line(head, $"label {key}={value}");
            }
            foreach (var (key, value) in alert.Annotations)
            {
                Line(head, $"annotation {key}: {value}");
            }
        }
        if (incident.Pod is { } pod)
        {
            Line(head, $"## Pod {pod.Namespace}/{pod.Name}: phase {pod.Phase}, node {pod.Node ?? "(none)"}");
            foreach (var condition in pod.Conditions)
            {
                Line(head, $"condition {condition}");
            }
            foreach (var c in pod.Containers)
            {
                Line(head, $"container {c.Name} image={c.Image} ready={c.Ready} restarts={c.Restarts} state={State(c.State)} last={(c.LastState is { } l ? State(l) : "-")} limits={string.Join(",", c.Limits.Select(p => $"{p.Key}={p.Value}"))}");
            }
        }
        foreach (var node in incident.Nodes)
        {
            Line(head, $"## Node {node.Name} ({node.Architecture}): {string.Join(", ", node.Conditions.Select(p => $"{p.Key}={p.Value}"))}{(node.Taints.Count > 0 ? $"; taints {string.Join(", ", node.Taints)}" : "")}");
        }
        if (incident.GitOps is { } gitops)
        {
            Line(head, $"## GitOps {gitops.Application}: sync {gitops.Sync}, health {gitops.Health}, revision {gitops.Revision}");
            foreach (var resource in gitops.OutOfSyncResources)
            {
                Line(head, $"out of sync: {resource}");
            }
        }
        if (incident.Metrics is { } m)
        {
            Line(head, string.Create(CultureInfo.InvariantCulture, $"## Metrics: p95={m.LatencyP95Seconds} s baseline={m.BaselineLatencyP95Seconds} s errorRate={m.ErrorRate} cpuThrottled={m.CpuThrottledRatio} memoryWorkingSet={m.MemoryWorkingSetBytes}"));
        }
        if (incident.Drift is { } d)
        {
            Line(head, string.Create(CultureInfo.InvariantCulture, $"## Drift {d.Model} {d.Version}: score {d.Score} (threshold {d.Threshold}), accuracy {d.BaselineAccuracy} -> {d.CurrentAccuracy}, label shift {d.LabelShift}, model age {d.ModelAgeDays} days"));
            if (d.Since is { } since)
            {
                Line(head, string.Create(CultureInfo.InvariantCulture, $"drifting since {since:u} ({d.DriftedWindows} window(s) in a row), drifted share of features {d.DriftedShare:0.##}"));
            }
            if (d.PreviousVersion is { } previous)
            {
                Line(head, $"version before drift began: {previous}");
            }
            if (d.PrecedingDeploy is { } deploy)
            {
                Line(head, $"deploy before drift: {deploy.Sha[..Math.Min(8, deploy.Sha.Length)]} {deploy.When:u} {deploy.Author}: {deploy.Message.Split('\n')[0]}");
            }
            foreach (var f in d.TopFeatures)
            {
                Line(head, string.Create(CultureInfo.InvariantCulture, $"feature {f.Name}: score {f.Score}, drifted {f.Drifted}, test {f.Test}, baseline {f.Baseline}, current {f.Current}"));
            }
        }
        if (incident.Ci is { } ci)
        {
            Line(head, $"## CI {ci.Workflow} / {ci.Job}: failing step '{ci.FailingStep}', exit code {ci.ExitCode}, commit {ci.Commit}");
            if (ci.ChangedSinceLastGreen.Count > 0)
            {
                Line(head, $"changed since last green: {string.Join(", ", ci.ChangedSinceLastGreen)}");
            }
            if (ci.LastGreenRun is { } green)
            {
                Line(head, $"last green run: {green}");
            }
            if (ci.SinceLastGreen is { } changes)
            {
                ChangesSinceGreen(head, changes, truncations);
            }
            if (ci.TriageCategory is { } category)
            {
                Line(head, $"triage class: {category}");
                foreach (var evidence in ci.TriageEvidence)
                {
                    Line(head, $"triage evidence {evidence}");
                }
            }
        }
        foreach (var commit in incident.RecentCommits)
        {
            Line(head, $"commit {commit.Sha[..Math.Min(8, commit.Sha.Length)]} {commit.When:u} {commit.Author}: {commit.Message.Split('\n')[0]}");
        }

        // The bulky parts share what is left, each keeping its last lines.
        var sections = new List<(string Title, IReadOnlyList<string> Lines)>
        {
            ("Events", incident.Events),
            ("Previous container log", incident.Logs?.Previous ?? []),
            ("Current container log", incident.Logs?.Current ?? []),
            ("CI log", incident.Ci?.Log ?? []),
            ("Observations", incident.Observations),
        };
        sections.RemoveAll(s => s.Lines.Count == 0);
        var budget = Math.Max(0, maxChars - head.Length);
        var text = new StringBuilder(head.ToString());
        foreach (var (title, lines) in sections)
        {
            var share = budget / sections.Count;
            var kept = new List<string>();
            var used = 0;
            for (var i = lines.Count - 1; i >= 0 && used + lines[i].Length + 1 <= share; i--)
            {
                kept.Insert(0, lines[i]);
                used += lines[i].Length + 1;
            }
            Line(text, $"## {title}");
            if (kept.Count < lines.Count)
            {
                var note = $"{title}: kept the last {kept.Count} of {lines.Count} lines";
                truncations.Add(note);
                Line(text, $"[truncated: {note}]");
            }
            foreach (var line in kept)
            {
                Line(text, line);
            }
        }
        return (text.ToString(), truncations);
    }

    private static void ChangesSinceGreen(StringBuilder head, CiChangeSet changes, List<string> truncations)
    {
        var range = $"{Short(changes.Base)}...{Short(changes.Head)}";
        if (changes.Unavailable is { } reason)
        {
            Line(head, $"## Changes since the last green run ({range}): unavailable: {reason}");
            return;
        }
        if (changes.TotalCommits == 0 && changes.Files.Count == 0)
        {
            Line(head, $"## Changes since the last green run ({range}): none, the last green run built the same commit");
            return;
        }
        Line(head, string.Create(CultureInfo.InvariantCulture, $"## Changes since the last green run ({range}): {changes.TotalCommits} commit(s), {changes.TotalFiles}{(changes.MoreFilesThanListed ? "+" : "")} file(s)"));
        if (changes.Commits.Count < changes.TotalCommits)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"Changes since the last green run: kept the newest {changes.Commits.Count} of {changes.TotalCommits} commits");
            truncations.Add(note);
            Line(head, $"[truncated: {note}]");
        }
        foreach (var commit in changes.Commits)
        {
            Line(head, $"commit {Short(commit.Sha)} {commit.When:u} {commit.Author}: {commit.Message.Split('\n')[0]}");
        }
        if (changes.Files.Count < changes.TotalFiles || changes.MoreFilesThanListed)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"Changes since the last green run: kept {changes.Files.Count} of {changes.TotalFiles}{(changes.MoreFilesThanListed ? " or more (the source listed no more)" : "")} files, those the log names first");
            truncations.Add(note);
            Line(head, $"[truncated: {note}]");
        }
        foreach (var file in changes.Files)
        {
            Line(head, $"file {file}");
        }
    }

    private static string Short(string sha) => sha[..Math.Min(8, sha.Length)];

    private static string State(ContainerStateInfo s) =>
        $"{s.State}{(s.Reason is null ? "" : $"/{s.Reason}")}{(s.ExitCode is { } e ? $"/exit {e}" : "")}{(s.Message is null ? "" : $" ({s.Message})")}";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
