using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;

namespace MlOpsDashboard.Core.Incidents.Triggers;

/// <summary>Subjects waiting for an automatic analysis (drift began, a CI run failed); whoever raises them does not wait for the analyst.</summary>
public sealed class SubjectAnalysisQueue
{
    private readonly Channel<(AnalysisSubject Subject, string Trigger)> _pending =
        Channel.CreateBounded<(AnalysisSubject, string)>(new BoundedChannelOptions(500) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(AnalysisSubject subject, string trigger) => _pending.Writer.TryWrite((subject, trigger));

    internal ChannelReader<(AnalysisSubject Subject, string Trigger)> Reader => _pending.Reader;
}

/// <summary>Analyses queued subjects one at a time; a subject whose context is gone by then is logged and skipped.</summary>
internal sealed class SubjectAnalysisWorker(SubjectAnalysisQueue queue, SubjectAnalyzer analyzer, ILogger<SubjectAnalysisWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (subject, trigger) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var stored = await analyzer.AnalyzeAsync(subject, trigger, stoppingToken);
                    logger.LogInformation("Analysed {Subject} ({Trigger}): analysis {Id}, {TopCause}", subject.Key, trigger, stored.Id, stored.Report.RootCauses.FirstOrDefault()?.Category);
                }
                catch (SubjectUnavailableException e)
                {
                    logger.LogInformation("Skipped the analysis of {Subject}: {Reason}", subject.Key, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Analysis of {Subject} failed", subject.Key);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
