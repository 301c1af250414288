using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.PredictionLog;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Bench.Predictions;

/// <summary>
/// The prediction log's background writer storing one full batch (1,000 build-time predictions, the
/// writer's default batch size, what 100 ms gather at 10,000 requests/s) into a real SQLite file
/// migrated as the app migrates it (WAL journal), already holding 100,000 rows: with and without the
/// single-column index on Timestamp beside the (Model, Version, Timestamp) one. Time per row, without
/// the commit's fsync (synchronous = NORMAL in the benchmark only; the app keeps SQLite's default).
/// Run: dotnet run -c Release --project bench -- --filter '*PredictionLogWriteBench*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class PredictionLogWriteBench
{
    private const int BatchRows = 1_000;
    private const int ExistingRows = 100_000;

    private string _folder = "";
    private DbContextOptions<SqliteDashboardDbContext> _options = null!;
    private readonly List<PredictionRecord> _batch = [];
    private DateTimeOffset _next = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The indexes on the table besides its primary key: before and after the PredictionLogIndexes migration.</summary>
    public enum LogIndexes
    {
        ModelVersionTimestampAndTimestamp,
        ModelVersionTimestampOnly,
    }

    [Params(LogIndexes.ModelVersionTimestampAndTimestamp, LogIndexes.ModelVersionTimestampOnly)]
    public LogIndexes Indexes { get; set; }

    [GlobalSetup]
    public void CreateDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("mlops-log-bench-").FullName;
        _options = new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "dashboard.db")}").Options;
        using (var db = new SqliteDashboardDbContext(_options))
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw(Indexes == LogIndexes.ModelVersionTimestampAndTimestamp
                ? """CREATE INDEX IF NOT EXISTS "IX_PredictionLog_Timestamp" ON "PredictionLog" ("Timestamp")"""
                : """DROP INDEX IF EXISTS "IX_PredictionLog_Timestamp" """);
        }
        for (var i = 0; i < ExistingRows / BatchRows; i++)
        {
            WriteBatch();
        }
    }

    [GlobalCleanup]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = BatchRows)]
    public void WriteBatch()
    {
        _batch.Clear();
        for (var i = 0; i < BatchRows; i++)
        {
            _next += TimeSpan.FromMilliseconds(0.1);
            _batch.Add(Record(_next, i));
        }
        using var db = new SqliteDashboardDbContext(_options);
        db.Database.OpenConnection();
        // The commit's fsync is waiting, not CPU, the same for both index sets, and on this shared disk the
        // largest noise in the figure: without it the benchmark compares what the 2 cores pay per row.
        db.Database.ExecuteSqlRaw("PRAGMA synchronous = NORMAL");
        PredictionLogWriter.InsertAsync(db, _batch, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A build like the API's wrk request, varied a little per row; a 32-hex trace id as the API logs.</summary>
    private static PredictionRecord Record(DateTimeOffset at, int i)
    {
        var vector = new float[BuildFeatureVector.Length];
        for (var j = 0; j < vector.Length; j++)
        {
            vector[j] = j % 3 == 0 ? (i + j) % 97 : j % 3 == 1 ? 0.25f * ((i * 7 + j) % 13) : 420 + (i % 60);
        }
        return new PredictionRecord(at, new ModelVersionId(PredictorKind.BuildTime, 3), "gitops", [vector],
            400 + (i % 200) * 1.37, 0.12 + (i % 10) * 0.01, $"{i:x8}0123456789abcdef0123456789ab"[..32], "api-key");
    }
}
