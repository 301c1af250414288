namespace MlOpsDashboard.Core.Pipelines;

/// <summary>How a run, job or step ended; <see cref="None"/> while it is still queued or running.</summary>
public enum RunConclusion
{
    None,
    Success,
    Failure,
    Cancelled,
    Skipped,
    TimedOut,
    ActionRequired,
    Neutral,
    Stale,
}

public sealed record PipelineRun(
    long Id,
    string Workflow,
    long RunNumber,
    string Branch,
    string HeadSha,
    string Event,
    string Actor,
    string Title,
    string Status,
    RunConclusion Conclusion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset UpdatedAt,
    string HtmlUrl)
{
    public bool IsCompleted => string.Equals(Status, "completed", StringComparison.OrdinalIgnoreCase);

    /// <summary>Wall-clock time from start to the last update; null while the run is not finished.</summary>
    public TimeSpan? Duration => IsCompleted ? UpdatedAt - (StartedAt ?? CreatedAt) : null;

    public string ShortSha => HeadSha.Length > 7 ? HeadSha[..7] : HeadSha;
}

public sealed record PipelineStep(int Number, string Name, string Status, RunConclusion Conclusion, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)
{
    public TimeSpan? Duration => StartedAt is { } start && CompletedAt is { } end ? end - start : null;
}

public sealed record PipelineJob(
    long Id,
    long RunId,
    string Name,
    string Status,
    RunConclusion Conclusion,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<PipelineStep> Steps,
    string HtmlUrl)
{
    public TimeSpan? Duration => StartedAt is { } start && CompletedAt is { } end ? end - start : null;

    /// <summary>The first step that failed (or timed out), which is where triage starts reading.</summary>
    public PipelineStep? FailingStep => Steps.FirstOrDefault(s => s.Conclusion is RunConclusion.Failure or RunConclusion.TimedOut);
}

/// <summary>What the page filters runs by; null or empty means "any".</summary>
public sealed record PipelineRunFilter(string? Workflow = null, string? Branch = null, RunConclusion? Conclusion = null, string? Actor = null)
{
    public static PipelineRunFilter Any { get; } = new();

    public bool Matches(PipelineRun run) =>
        (string.IsNullOrEmpty(Workflow) || string.Equals(run.Workflow, Workflow, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Branch) || string.Equals(run.Branch, Branch, StringComparison.OrdinalIgnoreCase))
        && (Conclusion is null || run.Conclusion == Conclusion)
        && (string.IsNullOrEmpty(Actor) || string.Equals(run.Actor, Actor, StringComparison.OrdinalIgnoreCase));
}

public static class RunConclusions
{
    /// <summary>GitHub's wire names (success, failure, timed_out, ...); anything unknown reads as neutral.</summary>
    public static RunConclusion Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" => RunConclusion.None,
        "success" => RunConclusion.Success,
        "failure" => RunConclusion.Failure,
        "cancelled" => RunConclusion.Cancelled,
        "skipped" => RunConclusion.Skipped,
        "timed_out" => RunConclusion.TimedOut,
        "action_required" => RunConclusion.ActionRequired,
        "stale" => RunConclusion.Stale,
        _ => RunConclusion.Neutral,
    };
}
