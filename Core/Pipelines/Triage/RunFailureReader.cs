namespace MlOpsDashboard.Core.Pipelines.Triage;

/// <summary>A failed job, its failing step and that step's log with terminal escapes removed.</summary>
public sealed record FailedJobLog(PipelineJob Job, PipelineStep? Step, string Log)
{
    public FailureClassification Classify() => FailureClassifier.Classify(Job.Name, Step?.Name ?? "", Log);
}

/// <summary>Reads what triage needs from any <see cref="IPipelineSource"/>: the failed jobs and their failing steps' logs.</summary>
public sealed class RunFailureReader(IPipelineSource source)
{
    /// <summary>The tail a person reads first; the whole log is one click away on GitHub.</summary>
    public const int MaxLogLines = 400;

    public async Task<IReadOnlyList<FailedJobLog>> ReadAsync(long runId, IReadOnlyList<PipelineJob> jobs, CancellationToken cancellationToken)
    {
        var failed = jobs.Where(j => j.Conclusion is RunConclusion.Failure or RunConclusion.TimedOut).ToList();
        if (failed.Count == 0)
        {
            return [];
        }
        var archive = await source.GetLogsAsync(runId, cancellationToken);
        return [.. failed.Select(job => new FailedJobLog(job, job.FailingStep, Tail(AnsiText.Strip(archive.FailingLog(job) ?? ""))))];
    }

    private static string Tail(string log)
    {
        var lines = log.TrimEnd('\n').Split('\n');
        return lines.Length <= MaxLogLines ? string.Join('\n', lines) : string.Join('\n', lines[^MaxLogLines..]);
    }
}
