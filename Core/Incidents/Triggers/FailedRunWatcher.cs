using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Core.Incidents.Triggers;

/// <summary>
/// Every <see cref="IncidentsOptions.FailedRunPollSeconds"/>, reads the newest CI runs and queues
/// an analysis of each failed run that finished in the last <see cref="RecentWindow"/> and has
/// none yet (Incidents:AnalyzeFailedRuns). Older failures are left to the Analyze button, so a
/// first start does not analyse a week of history.
/// </summary>
public sealed class FailedRunWatcher(
    IPipelineSource pipelines,
    AnalysisStore analyses,
    SubjectAnalysisQueue queue,
    IOptions<IncidentsOptions> options,
    TimeProvider clock,
    ILogger<FailedRunWatcher> logger) : BackgroundService
{
    public const string Trigger = "ci";
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);
    private const int RunsRead = 50;

    private readonly HashSet<long> _queued = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without a configured CI source there is nothing to watch; the Pipelines page says what to set.
        if (!options.Value.AnalyzeFailedRuns || pipelines is NotConfiguredPipelineSource)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FailedRunPollSeconds), clock);
        do
        {
            try
            {
                await QueueNewFailuresAsync(stoppingToken);
            }
            catch (PipelineSourceException e)
            {
                logger.LogWarning("Reading CI runs failed; trying again in {Seconds} s: {Reason}", options.Value.FailedRunPollSeconds, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may still be migrating at start-up.
                logger.LogError(e, "Looking for failed CI runs failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One look at the newest runs; returns the runs it queued.</summary>
    public async Task<IReadOnlyList<long>> QueueNewFailuresAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - RecentWindow;
        var runs = await pipelines.ListRunsAsync(RunsRead, cancellationToken);
        var queued = new List<long>();
        foreach (var run in runs.Where(r => r.IsCompleted && r.Conclusion is RunConclusion.Failure or RunConclusion.TimedOut && r.UpdatedAt >= since))
        {
            if (_queued.Contains(run.Id))
            {
                continue;
            }
            var subject = AnalysisSubject.CiRun(run);
            _queued.Add(run.Id);
            if ((await analyses.ListAsync(new AnalysisFilter(Subject: subject.Key, Take: 1), cancellationToken)).Count > 0)
            {
                continue;
            }
            queue.Enqueue(subject, Trigger);
            queued.Add(run.Id);
        }
        return queued;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
