using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Core.Storage.Entities;
using Npgsql;

namespace MlOpsDashboard.Dashboard.Tests.Storage;

/// <summary>
/// Against a real PostgreSQL server that ./test.sh starts on a private port and names in
/// TEST_POSTGRES_CONNECTION. Each test gets a fresh database.
/// </summary>
public sealed class PostgreSqlStorageTests : IAsyncLifetime
{
    private readonly string _database = $"mlops_test_{Guid.NewGuid():N}";
    private string _server = "";

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable("TEST_POSTGRES_CONNECTION")
            ?? throw new InvalidOperationException("TEST_POSTGRES_CONNECTION is not set: run ./test.sh, which starts PostgreSQL on a private port.");
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {_database}", connection).ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Migrations_FreshPostgreSql_ApplyAndRoundTripAnAccount()
    {
        var options = new DbContextOptionsBuilder<PostgresDashboardDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString).Options;
        var createdAt = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.FromHours(1));

        await using (var db = new PostgresDashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            db.UserAccounts.Add(new UserAccount { UserName = "oncall", PasswordHash = "hash", Role = "operator", CreatedAt = createdAt });
            await db.SaveChangesAsync();
        }

        await using var read = new PostgresDashboardDbContext(options);
        var account = await read.UserAccounts.SingleAsync(a => a.UserName == "oncall");
        Assert.Equal(("operator", createdAt), (account.Role, account.CreatedAt));
        await Assert.ThrowsAsync<DbUpdateException>(async () =>
        {
            read.UserAccounts.Add(new UserAccount { UserName = "oncall", PasswordHash = "h", Role = "viewer" });
            await read.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task PredictionLogInsert_FreshPostgreSql_RowsReadBackThroughEf()
    {
        var options = new DbContextOptionsBuilder<PostgresDashboardDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString).Options;
        var at = new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);
        // 150 rows: one full multi-row statement and one partial one, in one transaction.
        var batch = Enumerable.Range(0, 150).Select(i => new PredictionRecord(
            at.AddSeconds(i), new ModelVersionId(PredictorKind.BuildTime, 3), "gitops", [[i, 0.5f]], 100 + i, 0.25, $"trace-{i}", "api-key")).ToList();

        await using (var db = new PostgresDashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
            await PredictionLogWriter.InsertAsync(db, batch, CancellationToken.None);
        }

        await using var read = new PostgresDashboardDbContext(options);
        var rows = await read.Set<PredictionLogEntry>().OrderBy(e => e.Timestamp).ToListAsync();
        Assert.Equal(150, rows.Count);
        Assert.Equal((at.AddSeconds(149), "build-time", 3, "gitops", "[[149,0.5]]", 249.0, "trace-149", "api-key"),
            (rows[^1].Timestamp, rows[^1].Model, rows[^1].Version, rows[^1].VersionSource, rows[^1].Features, rows[^1].Output, rows[^1].TraceId, rows[^1].Caller));
    }

    [Fact]
    public async Task PredictionLogRetention_FreshPostgreSql_DeletesTheRowsBeforeTheFirstKeptOne()
    {
        var options = new DbContextOptionsBuilder<PostgresDashboardDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString).Options;
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] timestamps = [now.AddDays(-3), now.AddDays(-2), now.AddHours(-2), now.AddHours(-25), now.AddMinutes(-1)];
        var batch = timestamps.Select((t, i) => new PredictionRecord(t, new ModelVersionId(PredictorKind.BuildTime, 3), "gitops", [[i]], i, 0.25, $"trace-{i}", "api-key")).ToList();
        await using (var db = new PostgresDashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
            await PredictionLogWriter.InsertAsync(db, batch, CancellationToken.None);
        }
        var apiOptions = Microsoft.Extensions.Options.Options.Create(new PredictionApiOptions { Log = new PredictionLogOptions { RetentionDays = 1 } });
        using var writer = new PredictionLogWriter(new PredictionLog(apiOptions, new PredictionFeed(apiOptions)), new PostgresContexts(options), apiOptions,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PredictionLogWriter>.Instance);

        var deleted = await writer.DeleteExpiredAsync(now, CancellationToken.None);

        await using var read = new PostgresDashboardDbContext(options);
        Assert.Equal(2, deleted);
        Assert.Equal([now.AddHours(-2), now.AddHours(-25), now.AddMinutes(-1)], await read.Set<PredictionLogEntry>().OrderBy(e => e.Id).Select(e => e.Timestamp).ToListAsync());
    }

    private sealed class PostgresContexts(DbContextOptions<PostgresDashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new PostgresDashboardDbContext(options);
    }

    [Fact]
    public async Task App_ConfiguredForPostgreSql_MigratesAtStartAndIsReady()
    {
        await using var factory = new Support.DashboardAppFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString,
        });

        var ready = await factory.CreateClient().GetStringAsync("/readyz");

        Assert.Contains("PostgreSQL, schema up to date", ready);
    }
}
