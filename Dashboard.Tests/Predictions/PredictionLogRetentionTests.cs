using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>Retention over a real migrated SQLite file, with rows written by the log's own writer.</summary>
public sealed class PredictionLogRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly PredictionLogWriter _writer;

    public PredictionLogRetentionTests()
    {
        var options = Options.Create(new PredictionApiOptions { Log = new PredictionLogOptions { RetentionDays = 1 } });
        _writer = new PredictionLogWriter(new PredictionLog(options, new PredictionFeed(options)), _database, options,
            new FixedClock(Now), NullLogger<PredictionLogWriter>.Instance);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    private async Task InsertAsync(params DateTimeOffset[] timestamps)
    {
        await using var db = _database.CreateDbContext();
        var batch = timestamps.Select((t, i) => new PredictionRecord(t, new ModelVersionId(PredictorKind.BuildTime, 1), "gitops", [[i]], i, 0.1, $"trace-{t:O}", "test")).ToList();
        await PredictionLogWriter.InsertAsync(db, batch, CancellationToken.None);
    }

    private async Task<List<DateTimeOffset>> RemainingAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Set<PredictionLogEntry>().AsNoTracking().OrderBy(e => e.Id).Select(e => e.Timestamp).ToListAsync();
    }

    [Fact]
    public async Task DeleteExpired_RowsInTimeOrder_DeletesExactlyTheExpired()
    {
        await InsertAsync(Now.AddDays(-3), Now.AddDays(-2), Now.AddHours(-25), Now.AddHours(-23), Now.AddMinutes(-1));

        var deleted = await _writer.DeleteExpiredAsync(Now, CancellationToken.None);

        Assert.Equal(3, deleted);
        Assert.Equal([Now.AddHours(-23), Now.AddMinutes(-1)], await RemainingAsync());
    }

    [Fact]
    public async Task DeleteExpired_ExpiredRowLoggedAfterAKeptOne_KeptRowStaysAndTheLateOneGoesAtALaterRun()
    {
        await InsertAsync(Now.AddDays(-2), Now.AddHours(-2), Now.AddHours(-24).AddSeconds(-10), Now.AddMinutes(-1));

        Assert.Equal(1, await _writer.DeleteExpiredAsync(Now, CancellationToken.None));
        Assert.Equal([Now.AddHours(-2), Now.AddHours(-24).AddSeconds(-10), Now.AddMinutes(-1)], await RemainingAsync());

        Assert.Equal(2, await _writer.DeleteExpiredAsync(Now.AddHours(23), CancellationToken.None));
        Assert.Equal([Now.AddMinutes(-1)], await RemainingAsync());
    }

    [Fact]
    public async Task DeleteExpired_EveryRowExpired_DeletesAll()
    {
        await InsertAsync(Now.AddDays(-3), Now.AddDays(-2));

        Assert.Equal(2, await _writer.DeleteExpiredAsync(Now, CancellationToken.None));
        Assert.Empty(await RemainingAsync());
        Assert.Equal(0, await _writer.DeleteExpiredAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task Migrations_PredictionLog_OnlyTheModelVersionTimestampIndex()
    {
        await using var db = _database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'PredictionLog' AND sql IS NOT NULL ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["IX_PredictionLog_Model_Version_Timestamp"], indexes);
    }
}
