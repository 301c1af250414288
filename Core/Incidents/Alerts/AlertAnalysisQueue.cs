using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;

namespace MlOpsDashboard.Core.Incidents.Alerts;

/// <summary>Newly firing alerts waiting for analysis; the webhook answers before the analysis runs.</summary>
public sealed class AlertAnalysisQueue
{
    private readonly Channel<long> _pending = Channel.CreateBounded<long>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(long alertId) => _pending.Writer.TryWrite(alertId);

    internal ChannelReader<long> Reader => _pending.Reader;
}

/// <summary>Collects context for each queued alert, analyses it and links the report to the alert.</summary>
internal sealed class AlertAnalysisWorker(
    AlertAnalysisQueue queue,
    AlertIntake alerts,
    SubjectAnalyzer subjects,
    ILogger<AlertAnalysisWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alertId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await AnalyzeAsync(alertId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Analysis of alert {AlertId} failed", alertId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AnalyzeAsync(long alertId, CancellationToken cancellationToken)
    {
        if (await alerts.FindAsync(alertId, cancellationToken) is not { IsFiring: true } record)
        {
            return;
        }
        await subjects.AnalyzeAsync(AnalysisSubject.Alert(alertId, record.AlertName), "alert", cancellationToken);
    }
}
