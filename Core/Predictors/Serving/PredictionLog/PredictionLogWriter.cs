using System.Buffers;
using System.Text;
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

    /// <summary>
    /// How long a batch may gather once an entry is waiting. Draining at once would run a
    /// transaction (and its commit's sync) and wake a thread-pool thread for every few entries:
    /// under load that costs the requests more CPU than the rows themselves.
    /// </summary>
    internal static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(100);
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
                if (log.Pending < batchSize)
                {
                    await Task.Delay(GatherDelay, clock, stoppingToken);
                }
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
            var entries = db.Set<PredictionLogEntry>();
            // Rows are inserted in time order, so the expired ones are the oldest Ids: everything before the
            // first row still kept, found by walking the primary key from its start (no index on Timestamp:
            // it cost every logged prediction a third B-tree insert). A row logged out of order after a kept
            // one goes at the next run, ten minutes later; a row not yet expired is never deleted.
            var firstKept = await entries.AsNoTracking().Where(e => e.Timestamp >= cutoff).OrderBy(e => e.Id)
                .Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            // Rows before it are all older than the cutoff (it is the first Id at or after it); none kept: all are.
            var expired = firstKept is { } first ? entries.Where(e => e.Id < first) : entries;
            var deleted = await expired.ExecuteDeleteAsync(cancellationToken);
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
        Features = FeaturesJson(record.Features),
        Output = record.Output,
        LatencyMilliseconds = record.LatencyMilliseconds,
        TraceId = record.TraceId,
        Caller = record.Caller,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    [ThreadStatic]
    private static Utf8JsonWriter? t_jsonWriter;

    /// <summary>
    /// The vectors as JSON, the same text System.Text.Json gives float[][] (the log's readers parse
    /// it with that). Most features are counts: a whole number is written as the integer it is,
    /// which is the text the serializer's shortest round-trip float formatting produces for it,
    /// at a fraction of the cost. Rows with NaN or infinities go through the serializer itself.
    /// </summary>
    internal static string FeaturesJson(float[][] vectors) => Encoding.UTF8.GetString(FeaturesJsonUtf8(vectors));

    /// <summary>The text of <see cref="FeaturesJson"/> as UTF-8, in a buffer the thread reuses at its next call.</summary>
    internal static ReadOnlySpan<byte> FeaturesJsonUtf8(float[][] vectors)
    {
        foreach (var vector in vectors)
        {
            foreach (var value in vector)
            {
                if (!float.IsFinite(value))
                {
                    return JsonSerializer.SerializeToUtf8Bytes(vectors, PredictionJsonContext.Default.SingleArrayArray);
                }
            }
        }
        var buffer = t_json ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_jsonWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var vector in vectors)
        {
            writer.WriteStartArray();
            foreach (var value in vector)
            {
                if (value is > -1_000_000 and < 1_000_000 && value == MathF.Truncate(value) && !(value == 0 && float.IsNegative(value)))
                {
                    writer.WriteNumberValue((int)value);
                }
                else
                {
                    writer.WriteNumberValue(value);
                }
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.Flush();
        return buffer.WrittenSpan;
    }
}
