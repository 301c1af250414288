using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>
/// The log writer inserts SQLite rows through SQLite's statement API, not EF Core: every column
/// must read back exactly as EF Core stores the same entry (the drift monitor, the live page and
/// retention read them through EF).
/// </summary>
public sealed class PredictionLogSqliteInsertTests
{
    [Fact]
    public async Task InsertAsync_Sqlite_RowsReadBackAsEfCoreStoresTheSameEntries()
    {
        using var database = new TestDatabase();
        var at = new DateTimeOffset(2026, 11, 24, 17, 30, 12, 345, TimeSpan.FromHours(2)).AddTicks(6789);
        List<PredictionRecord> batch =
        [
            new(at, new ModelVersionId(PredictorKind.BuildTime, 3), "gitops", [[3, 40, 12.5f, -0f, 1e7f, 0.1f]], 431.25, 0.0123, "0af7651916cd43dd8448eb211c80319c", "api-key"),
            new(at.AddSeconds(1), new ModelVersionId(PredictorKind.FailureRisk, 12), "registry-champion", [[float.NaN, float.PositiveInfinity, 2]], 0.37, 0.5, "trace-2", "Zoë Ångström 東京"),
            new(at.AddSeconds(2), new ModelVersionId(PredictorKind.TestSelection, 1), "gitops", [[1, 2], [3, 4.75f]], 0.6, 1.5, new string('t', 64), new string('é', 100)),
        ];

        await using (var db = database.CreateDbContext())
        {
            await PredictionLogWriter.InsertAsync(db, batch, CancellationToken.None);
        }
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(batch.Select(PredictionLogWriter.ToEntry));
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateDbContext();
        var rows = await read.Set<PredictionLogEntry>().AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2 * batch.Count, rows.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var raw = rows[i];
            var ef = rows[batch.Count + i];
            Assert.Equal(ef.Timestamp, raw.Timestamp);
            Assert.Equal(ef.Timestamp.UtcTicks, raw.Timestamp.UtcTicks);
            Assert.Equal(ef.Model, raw.Model);
            Assert.Equal(ef.Version, raw.Version);
            Assert.Equal(ef.VersionSource, raw.VersionSource);
            Assert.Equal(ef.Features, raw.Features);
            Assert.Equal(ef.Output, raw.Output);
            Assert.Equal(ef.LatencyMilliseconds, raw.LatencyMilliseconds);
            Assert.Equal(ef.TraceId, raw.TraceId);
            Assert.Equal(ef.Caller, raw.Caller);
        }
        Assert.Equal("Zoë Ångström 東京", rows[1].Caller);
        Assert.Equal(batch[0].Timestamp.UtcTicks, rows[0].Timestamp.UtcTicks);
    }
}
