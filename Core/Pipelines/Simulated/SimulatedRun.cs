using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines.Simulated;

/// <summary>
/// One simulated run: its timing is fixed when it is created (step times jitter around the plan's
/// typical seconds), and what it looks like at a given moment (queued, in progress, completed) is
/// worked out from the clock, so runs progress without a background loop.
/// </summary>
internal sealed class SimulatedRun
{
    private const int QueueSeconds = 6;
    private readonly IReadOnlyList<(JobPlan Job, IReadOnlyList<(StepPlan Step, DateTimeOffset Start, DateTimeOffset End, RunConclusion Conclusion)> Steps)> _timeline;

    public SimulatedRun(long id, string workflow, long number, string branch, string sha, string trigger, string actor, DateTimeOffset createdAt, FailureCategory? failure, int seed)
    {
        (Id, Workflow, Number, Branch, Sha, Trigger, Actor, CreatedAt, Failure) = (id, workflow, number, branch, sha, trigger, actor, createdAt, failure);
        var random = new Random(seed);
        var failurePlan = failure is { } kind ? SimulatedWorkflows.Failure(kind) : null;
        var timeline = new List<(JobPlan, IReadOnlyList<(StepPlan, DateTimeOffset, DateTimeOffset, RunConclusion)>)>();
        var at = createdAt.AddSeconds(QueueSeconds);
        var failed = false;
        foreach (var job in SimulatedWorkflows.Plans[workflow])
        {
            var steps = new List<(StepPlan, DateTimeOffset, DateTimeOffset, RunConclusion)>();
            var jobSkipped = failed;
            foreach (var step in job.Steps)
            {
                // After a failure only the bookkeeping step runs; later jobs are skipped (GitHub's needs: semantics).
                if (jobSkipped || (failed && step.Name != "Complete job"))
                {
                    steps.Add((step, at, at, RunConclusion.Skipped));
                    continue;
                }
                var seconds = step.TypicalSeconds * (0.8 + random.NextDouble() * 0.45);
                var end = at.AddSeconds(seconds);
                var fails = failurePlan is not null && job.Name == failurePlan.Job && step.Name == failurePlan.Step;
                steps.Add((step, at, end, fails ? RunConclusion.Failure : RunConclusion.Success));
                at = end;
                failed |= fails;
            }
            timeline.Add((job, steps));
        }
        _timeline = timeline;
        EndsAt = at;
    }

    public long Id { get; }
    public string Workflow { get; }
    public long Number { get; }
    public string Branch { get; }
    public string Sha { get; }
    public string Trigger { get; }
    public string Actor { get; }
    public DateTimeOffset CreatedAt { get; }
    public FailureCategory? Failure { get; }
    public DateTimeOffset EndsAt { get; }

    public PipelineRun ToRun(DateTimeOffset now)
    {
        var (status, conclusion) = now < CreatedAt.AddSeconds(QueueSeconds) ? ("queued", RunConclusion.None)
            : now < EndsAt ? ("in_progress", RunConclusion.None)
            : ("completed", Failure is null ? RunConclusion.Success : RunConclusion.Failure);
        var title = Trigger switch
        {
            "schedule" => "Nightly training",
            "workflow_run" => $"{Workflow} after {Sha[..7]}",
            _ => $"{Workflow} on {Branch}",
        };
        return new PipelineRun(Id, Workflow, Number, Branch, Sha, Trigger, Actor, title, status, conclusion, CreatedAt,
            CreatedAt.AddSeconds(QueueSeconds), status == "completed" ? EndsAt : now, $"https://github.com/sandbox/mlops-dashboard/actions/runs/{Id}");
    }

    public IReadOnlyList<PipelineJob> ToJobs(DateTimeOffset now) =>
    [
        .. _timeline.Select((job, index) =>
        {
            var steps = job.Steps.Select((s, i) => StepAt(s, i + 1, now)).ToList();
            var started = job.Steps[0].Start;
            var ended = job.Steps[^1].End;
            var skipped = job.Steps.All(s => s.Conclusion == RunConclusion.Skipped);
            var (status, conclusion) = now < started ? ("queued", RunConclusion.None)
                : now < ended ? ("in_progress", RunConclusion.None)
                : ("completed", skipped ? RunConclusion.Skipped : job.Steps.Any(s => s.Conclusion == RunConclusion.Failure) ? RunConclusion.Failure : RunConclusion.Success);
            return new PipelineJob(Id * 10 + index, Id, job.Job.Name, status, conclusion, now < started ? null : started, status == "completed" ? ended : null, steps,
                $"https://github.com/sandbox/mlops-dashboard/actions/runs/{Id}/job/{Id * 10 + index}");
        }),
    ];

    private static PipelineStep StepAt((StepPlan Step, DateTimeOffset Start, DateTimeOffset End, RunConclusion Conclusion) step, int number, DateTimeOffset now) =>
        now < step.Start ? new(number, step.Step.Name, "queued", RunConclusion.None, null, null)
        : now < step.End ? new(number, step.Step.Name, "in_progress", RunConclusion.None, step.Start, null)
        : new(number, step.Step.Name, "completed", step.Conclusion, step.Start, step.End);
}
