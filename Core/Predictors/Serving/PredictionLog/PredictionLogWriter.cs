using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// Drains the prediction log's channel into the database in batches (one round trip per batch),
/// and deletes entries past the retention period. A failing database costs log entries, counted,
/// never requests: a batch is retried a few times, then given up.
/// </summary>
internal sealed partial class PredictionLogWriter(
    PredictionLog log,
    IDbContextFactory<DashboardDbContext> databases,
    IOptions<PredictionApiOptions> options,
    TimeProvider clock,
    ILogger<PredictionLogWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)];

    private DateTimeOffset _nextRetention = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = options.Value.Log.BatchSize;
        var batch = new List<PredictionRecord>(batchSize);
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < batchSize && log.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
                await ApplyRetentionIfDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: entries still queued are lost with the process, as a crash would lose them.
        }
    }

    private async Task WriteAsync(List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await InsertAsync(db, batch, cancellationToken);
                log.CountWritten(batch.Count);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= RetryDelays.Length)
                {
                    log.CountFailed(batch.Count);
                    logger.LogError(e, "Dropped {Count} prediction log entries: the database refused them {Attempts} times", batch.Count, attempt + 1);
                    return;
                }
                logger.LogWarning(e, "Writing {Count} prediction log entries failed; retrying", batch.Count);
                await Task.Delay(RetryDelays[attempt], clock, cancellationToken);
            }
        }
    }

    private async Task ApplyRetentionIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextRetention)
        {
            return;
        }
        _nextRetention = now + RetentionInterval;
        await DeleteExpiredAsync(now, cancellationToken);
    }

    internal async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - TimeSpan.FromDays(options.Value.Log.RetentionDays);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Set<PredictionLogEntry>().Where(e => e.Timestamp < cutoff).ExecuteDeleteAsync(cancellationToken);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} prediction log entries older than {Cutoff:u}", deleted, cutoff);
            }
            return deleted;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Deleting expired prediction log entries failed; trying again later");
            return 0;
        }
    }

    internal static PredictionLogEntry ToEntry(PredictionRecord record) => new()
    {
        Timestamp = record.Timestamp,
        Model = ModelVersionId.Slug(record.Model.Kind),
        Version = record.Model.Number,
        VersionSource = record.VersionSource,
        Features = JsonSerializer.Serialize(record.Features, PredictionJsonContext.Default.SingleArrayArray),
        Output = record.Output,
        LatencyMilliseconds = record.LatencyMilliseconds,
        TraceId = record.TraceId,
        Caller = record.Caller,
    };
}
