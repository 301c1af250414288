namespace MlOpsDashboard.Core.Pipelines;

/// <summary>
/// An expected duration and how it was reached (shown as the chart's title); a model also gives
/// the interval its held-out builds fell in.
/// </summary>
public sealed record DurationEstimate(TimeSpan Expected, string Method, TimeSpan? Lower = null, TimeSpan? Upper = null);

/// <summary>
/// The expected duration of a run, drawn against the actual one. The served build-time model
/// answers (registered by the predictors feature); <see cref="MedianDurationEstimator"/> answers
/// from the run history when no model is served.
/// </summary>
public interface IBuildDurationEstimator
{
    /// <summary>The estimate as it could have been made when <paramref name="run"/> started (only earlier runs count); null when there is nothing to go on.</summary>
    Task<DurationEstimate?> EstimateAsync(PipelineRun run, IReadOnlyList<PipelineRun> history, CancellationToken cancellationToken);
}

/// <summary>The median of the same workflow's last successful runs before this one: a plain, honest baseline.</summary>
public sealed class MedianDurationEstimator : IBuildDurationEstimator
{
    public const int Window = 10;

    public static string Method => $"median of the workflow's last {Window} successful runs";

    public Task<DurationEstimate?> EstimateAsync(PipelineRun run, IReadOnlyList<PipelineRun> history, CancellationToken cancellationToken)
    {
        var durations = history
            .Where(h => h.Id != run.Id && h.Workflow == run.Workflow && h.Conclusion == RunConclusion.Success && h.CreatedAt < run.CreatedAt && h.Duration is not null)
            .OrderByDescending(h => h.CreatedAt)
            .Take(Window)
            .Select(h => h.Duration!.Value.TotalSeconds)
            .Order()
            .ToList();
        if (durations.Count == 0)
        {
            return Task.FromResult<DurationEstimate?>(null);
        }
        var middle = durations.Count / 2;
        var median = durations.Count % 2 == 1 ? durations[middle] : (durations[middle - 1] + durations[middle]) / 2;
        return Task.FromResult<DurationEstimate?>(new DurationEstimate(TimeSpan.FromSeconds(median), Method));
    }
}
