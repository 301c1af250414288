using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Serving;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

/// <summary>
/// A CI run's expected duration from the served build-time model, with its interval: the run's
/// context (event, branch, time) and the same workflow's earlier runs (previous outcome and
/// duration, failure ratios, streaks) become the canonical build features. A run only knows what
/// GitHub's run list says, so change-size features stay 0 as the feature set documents. Without
/// a served model the median of recent green runs answers, and the method says which.
/// </summary>
public sealed class BuildTimeModelDurationEstimator(IServedModelProvider served, MedianDurationEstimator fallback) : IBuildDurationEstimator
{
    public const int RecentWindow = 5;

    public async Task<DurationEstimate?> EstimateAsync(PipelineRun run, IReadOnlyList<PipelineRun> history, CancellationToken cancellationToken)
    {
        var models = await served.GetCurrentAsync(cancellationToken);
        if (models.BuildTime is not { } model)
        {
            return await fallback.EstimateAsync(run, history, cancellationToken);
        }
        var prediction = model.Predict(Describe(run, history));
        return new DurationEstimate(
            TimeSpan.FromSeconds(prediction.Seconds),
            $"build-time model {prediction.Model}, {prediction.Coverage:P0} interval",
            TimeSpan.FromSeconds(prediction.LowerSeconds),
            TimeSpan.FromSeconds(prediction.UpperSeconds));
    }

    /// <summary>The features as they were known when <paramref name="run"/> was created: only earlier, finished runs of its workflow count.</summary>
    public static BuildFeatures Describe(PipelineRun run, IReadOnlyList<PipelineRun> history)
    {
        var earlier = history
            .Where(h => h.Id != run.Id && h.Workflow == run.Workflow && h.CreatedAt < run.CreatedAt && h.Duration is not null
                && h.Conclusion is RunConclusion.Success or RunConclusion.Failure or RunConclusion.TimedOut)
            .OrderBy(h => h.CreatedAt)
            .ToList();
        var failed = earlier.Select(h => h.Conclusion != RunConclusion.Success).ToList();
        var recent = failed.TakeLast(RecentWindow).ToList();
        var byActor = earlier.Where(h => h.Actor == run.Actor).Select(h => h.Conclusion != RunConclusion.Success).ToList();
        var created = run.CreatedAt.UtcDateTime;
        return new BuildFeatures
        {
            IsPullRequest = run.Event == "pull_request",
            IsMainBranch = run.Branch is "main" or "master",
            HourOfDay = created.Hour,
            DayOfWeek = (int)created.DayOfWeek,
            MinutesSincePreviousBuild = earlier.Count == 0 ? 0 : (run.CreatedAt - earlier[^1].CreatedAt).TotalMinutes,
            PreviousBuildFailed = failed.Count == 0 ? null : failed[^1],
            PreviousDurationSeconds = earlier.Count == 0 ? 0 : earlier[^1].Duration!.Value.TotalSeconds,
            RecentPassedDurationSeconds = BuildFeatures.RecentPassedMedian(
                [.. earlier.Where(h => h.Conclusion == RunConclusion.Success).Select(h => h.Duration!.Value.TotalSeconds)]),
            FailureRatio = Ratio(failed),
            RecentFailureRatio = Ratio(recent),
            CommitterFailureRatio = Ratio(byActor),
            CommitterRecentFailureRatio = Ratio([.. byActor.TakeLast(RecentWindow)]),
            ConsecutiveFailures = failed.AsEnumerable().Reverse().TakeWhile(f => f).Count(),
            BuildsSinceLastFailure = failed.AsEnumerable().Reverse().TakeWhile(f => !f).Count(),
            Commits = 1,
            Committers = 1,
        };
    }

    private static double Ratio(List<bool> failed) => failed.Count == 0 ? 0 : failed.Count(f => f) / (double)failed.Count;
}
