using System.Globalization;
using System.Text;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines.Simulated;

/// <summary>
/// The sandbox's CI: a week of this repository's workflow runs (pushes run CI and Security,
/// green main builds deploy through CD, CT trains nightly, failures are triaged), continuing
/// live while the app runs — a push every <see cref="PushInterval"/> on average. Runs progress
/// with the clock (queued → in_progress → completed) and serve jobs, steps and a zip log archive
/// laid out as GitHub's, so the page and triage go through the same code as for real runs.
/// </summary>
public sealed class SimulatedPipelineSource : IPipelineSource
{
    public static readonly TimeSpan History = TimeSpan.FromDays(7);
    public static readonly TimeSpan PushInterval = TimeSpan.FromHours(3);

    private static readonly string[] Branches = ["main", "main", "main", "feature/drift-alerts", "fix/ct-threshold", "dependabot/nuget/Octokit-14.0.1"];
    private static readonly string[] Actors = ["mchen", "apatel", "jdoe", "dependabot[bot]"];
    private const string Bot = "github-actions[bot]";
    private const double FailureRate = 0.14;

    private readonly TimeProvider _clock;
    private readonly SimulatedCiScenarios _scenarios;
    private readonly Lock _lock = new();
    private readonly List<SimulatedRun> _runs = [];
    private readonly Dictionary<string, long> _runNumbers = [];
    private readonly Random _random = new(20261124);
    private DateTimeOffset _nextPush;
    private long _nextId = 9_100_000_001;

    public SimulatedPipelineSource(TimeProvider clock, SimulatedCiScenarios scenarios)
    {
        _clock = clock;
        _scenarios = scenarios;
        _nextPush = clock.GetUtcNow() - History;
        scenarios.RunRequested += workflow => StartRun(workflow, "main", Actors[0], "workflow_dispatch");
    }

    public string Description => "Simulated runs (sandbox) — not from GitHub";

    public bool IsSimulated => true;

    /// <summary>Starts a run of <paramref name="workflow"/> now (CI, Security, CT, CD or Triage), as a push or a manual dispatch would.</summary>
    public long StartRun(string workflow, string branch = "main", string actor = "mchen", string trigger = "workflow_dispatch")
    {
        if (!SimulatedWorkflows.Plans.ContainsKey(workflow))
        {
            throw new ArgumentOutOfRangeException(nameof(workflow), workflow, $"Simulated workflows: {string.Join(", ", SimulatedWorkflows.Plans.Keys)}.");
        }
        lock (_lock)
        {
            AdvanceTo(_clock.GetUtcNow());
            return Add(workflow, branch, actor, trigger, _clock.GetUtcNow(), RandomSha(), allowRandomFailure: false).Id;
        }
    }

    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            AdvanceTo(now);
            IReadOnlyList<PipelineRun> runs = [.. _runs.Where(r => r.CreatedAt <= now).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit).Select(r => r.ToRun(now))];
            return Task.FromResult(runs);
        }
    }

    public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        return Task.FromResult(Find(runId).ToJobs(now));
    }

    public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var run = Find(runId);
        var files = new List<(string, string)>();
        var jobs = run.ToJobs(now);
        for (var index = 0; index < jobs.Count; index++)
        {
            var job = jobs[index];
            var whole = new StringBuilder();
            foreach (var step in job.Steps.Where(s => s.StartedAt is not null && s.StartedAt <= now))
            {
                var text = StepLog(run, job, step);
                files.Add(($"{RunLogArchive.SafeName(job.Name)}/{step.Number}_{RunLogArchive.SafeName(step.Name)}.txt", text));
                whole.Append(text);
            }
            files.Add(($"{index}_{RunLogArchive.SafeName(job.Name)}.txt", whole.ToString()));
        }
        return Task.FromResult(RunLogArchive.FromZip(RunLogArchive.CreateZip(files)));
    }

    /// <summary>
    /// The pushes to the head's branch after the base and up to the head, with the commits each
    /// carried (<see cref="SimulatedChanges"/>). A SHA no simulated run was at is unknown, as an
    /// unknown commit is to GitHub.
    /// </summary>
    public Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        List<SimulatedPush> pushes;
        lock (_lock)
        {
            AdvanceTo(now);
            var points = _runs.Where(r => r.CreatedAt <= now && r.Workflow != SimulatedWorkflows.Triage)
                .GroupBy(r => r.Sha, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.CreatedAt).ToList(), StringComparer.Ordinal);
            var from = points.GetValueOrDefault(baseSha) ?? throw Unknown(baseSha);
            var to = points.GetValueOrDefault(headSha) ?? throw Unknown(headSha);
            var (since, until, branch) = (from[0].CreatedAt, to[0].CreatedAt, to[0].Branch);
            pushes = [.. points.Values.Where(runs => runs[0].Branch == branch && runs[0].CreatedAt > since && runs[0].CreatedAt <= until)
                .OrderBy(runs => runs[0].CreatedAt)
                .Select(runs => new SimulatedPush(runs[0].Sha, runs[0].CreatedAt, Author(runs), [.. runs.Select(r => r.Failure).OfType<FailureCategory>()]))];
        }
        return Task.FromResult(SimulatedChanges.Between(baseSha, headSha, pushes));
    }

    private static PipelineSourceException Unknown(string sha) =>
        new($"No commit {sha} in the simulated history: no simulated run was at it.");

    /// <summary>Nightly training runs are started by the bot; the commit they build is a person's.</summary>
    private static string Author(List<SimulatedRun> runs) =>
        runs.Select(r => r.Actor).FirstOrDefault(a => a != Bot) ?? Actors[(int)(runs[0].Id % (Actors.Length - 1))];

    private SimulatedRun Find(long runId)
    {
        lock (_lock)
        {
            return _runs.FirstOrDefault(r => r.Id == runId) ?? throw new PipelineSourceException($"Run {runId} does not exist in the simulated history.");
        }
    }

    /// <summary>Pushes happen at random intervals; each runs CI and Security, and whatever follows from them.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        while (_nextPush <= now)
        {
            var at = _nextPush;
            var branch = Branches[_random.Next(Branches.Length)];
            var actor = branch.StartsWith("dependabot/", StringComparison.Ordinal) ? "dependabot[bot]" : Actors[_random.Next(Actors.Length - 1)];
            var sha = RandomSha();
            var ci = Add(SimulatedWorkflows.Ci, branch, actor, "push", at, sha, allowRandomFailure: true);
            Add(SimulatedWorkflows.Security, branch, actor, "push", at.AddSeconds(1), sha, allowRandomFailure: true);
            if (branch == "main" && ci.Failure is null)
            {
                Add(SimulatedWorkflows.Cd, branch, Bot, "workflow_run", ci.EndsAt.AddSeconds(5), sha, allowRandomFailure: true);
            }
            var nightly = new DateTimeOffset(at.UtcDateTime.Date.AddHours(2), TimeSpan.Zero);
            var next = at + TimeSpan.FromMinutes(PushInterval.TotalMinutes * (0.4 + _random.NextDouble() * 1.2));
            for (var night = nightly < at ? nightly.AddDays(1) : nightly; night < next; night = night.AddDays(1))
            {
                Add(SimulatedWorkflows.Ct, "main", Bot, "schedule", night, RandomSha(), allowRandomFailure: true);
            }
            _nextPush = next;
        }
    }

    private SimulatedRun Add(string workflow, string branch, string actor, string trigger, DateTimeOffset at, string sha, bool allowRandomFailure)
    {
        var failure = _scenarios.TakeFor(workflow);
        if (failure is null && allowRandomFailure && _random.NextDouble() < FailureRate && SimulatedWorkflows.FailuresOf(workflow) is { Count: > 0 } kinds)
        {
            failure = kinds[_random.Next(kinds.Count)];
        }
        var number = _runNumbers[workflow] = _runNumbers.GetValueOrDefault(workflow, 100) + 1;
        var run = new SimulatedRun(_nextId++, workflow, number, branch, sha, trigger, actor, at, failure, _random.Next());
        _runs.Add(run);
        if (failure is not null && workflow != SimulatedWorkflows.Triage)
        {
            _runs.Add(new SimulatedRun(_nextId++, SimulatedWorkflows.Triage, _runNumbers[SimulatedWorkflows.Triage] = _runNumbers.GetValueOrDefault(SimulatedWorkflows.Triage, 100) + 1,
                branch, sha, "workflow_run", Bot, run.EndsAt.AddSeconds(3), null, _random.Next()));
        }
        return run;
    }

    private string RandomSha()
    {
        Span<byte> bytes = stackalloc byte[20];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static string StepLog(SimulatedRun run, PipelineJob job, PipelineStep step)
    {
        var lines = new List<string>();
        var plan = SimulatedWorkflows.Plans[run.Workflow].First(j => j.Name == job.Name).Steps.First(s => s.Name == step.Name);
        if (plan.Command.Length > 0)
        {
            lines.Add($"##[group]Run {plan.Command}");
            lines.Add($"\u001b[36;1m{plan.Command}\u001b[0m");
            lines.Add("##[endgroup]");
        }
        if (step.Conclusion == RunConclusion.Failure && run.Failure is { } kind)
        {
            lines.AddRange(SimulatedWorkflows.Failure(kind).LogLines);
            lines.Add("##[error]Process completed with exit code 1.");
        }
        else if (step.Conclusion == RunConclusion.Success && plan.Command.Length > 0)
        {
            lines.Add($"{step.Name} finished in {step.Duration?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }
        var at = step.StartedAt ?? run.CreatedAt;
        return string.Concat(lines.Select((line, i) => $"{at.AddMilliseconds(i * 37).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'} {line}\n"));
    }
}
