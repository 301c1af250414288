using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Storage;
using SQLitePCL;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// The batch insert. EF Core's change tracking costs tens of microseconds per entity; at 10,000+
/// predictions a second that alone takes one of the machine's two cores from the requests. Here a
/// batch is written in one transaction with table and column names and quoting taken from the EF
/// model and provider, and values stored as EF stores them (timestamps as UTC ticks, see
/// DashboardDbContext). SQLite runs in process, so a round trip costs nothing: one single-row
/// INSERT is prepared once per batch and executed per row with new values (a multi-row statement
/// of 900 named parameters costs SQLite a linear name search per parameter bound, and a fresh
/// prepare per statement), through SQLite's own statement API on the connection's handle
/// (<see cref="InsertSqlite"/>): ADO.NET's per-execution reader, per-parameter type dispatch and
/// boxed values cost more than SQLite's insert itself. Servers (PostgreSQL) get multi-row statements of
/// <see cref="RowsPerStatement"/> rows: one round trip per hundred rows.
/// </summary>
internal sealed partial class PredictionLogWriter
{
    private const int RowsPerStatement = 100;

    private static readonly string[] Properties =
    [
        nameof(PredictionLogEntry.Timestamp), nameof(PredictionLogEntry.Model), nameof(PredictionLogEntry.Version),
        nameof(PredictionLogEntry.VersionSource), nameof(PredictionLogEntry.Features), nameof(PredictionLogEntry.Output),
        nameof(PredictionLogEntry.LatencyMilliseconds), nameof(PredictionLogEntry.TraceId), nameof(PredictionLogEntry.Caller),
    ];

    internal static async Task InsertAsync(DashboardDbContext db, List<PredictionRecord> batch, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                InsertSqlite(db, sqlite, batch);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            var perStatement = RowsPerStatement;
            DbCommand? command = null;
            try
            {
                for (var first = 0; first < batch.Count; first += perStatement)
                {
                    var rows = Math.Min(perStatement, batch.Count - first);
                    if (command is null || command.Parameters.Count != rows * Properties.Length)
                    {
                        if (command is not null)
                        {
                            await command.DisposeAsync();
                        }
                        command = CreateInsert(db, connection, transaction, rows);
                    }
                    for (var r = 0; r < rows; r++)
                    {
                        SetValues(command.Parameters, r * Properties.Length, batch[first + r]);
                    }
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            finally
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The batch through SQLite's statement API in the open transaction: the values EF stores
    /// (timestamp as UTC ticks, text as UTF-8, the features' JSON written straight as UTF-8
    /// bytes), bound by position in <see cref="Properties"/> order.
    /// </summary>
    private static void InsertSqlite(DashboardDbContext db, SqliteConnection connection, List<PredictionRecord> batch)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle, InsertSql(db, 1), out var statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
        {
            foreach (var record in batch)
            {
                raw.sqlite3_bind_int64(statement, 1, record.Timestamp.UtcTicks);
                BindText(statement, 2, ModelVersionId.Slug(record.Model.Kind));
                raw.sqlite3_bind_int(statement, 3, record.Model.Number);
                BindText(statement, 4, record.VersionSource);
                // SQLite copies bound text (SQLITE_TRANSIENT): the thread's JSON buffer may be reused at once.
                raw.sqlite3_bind_text(statement, 5, FeaturesJsonUtf8(record.Features));
                raw.sqlite3_bind_double(statement, 6, record.Output);
                raw.sqlite3_bind_double(statement, 7, record.LatencyMilliseconds);
                BindText(statement, 8, record.TraceId);
                BindText(statement, 9, record.Caller);
                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void BindText(sqlite3_stmt statement, int index, string value)
    {
        Span<byte> small = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(value.Length) <= small.Length ? small : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        raw.sqlite3_bind_text(statement, index, bytes[..length]);
    }

    private static DbCommand CreateInsert(DashboardDbContext db, DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql(db, rows);
        for (var p = 0; p < rows * Properties.Length; p++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{p}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>One row's values in <see cref="Properties"/> order, from parameter <paramref name="first"/> on.</summary>
    private static void SetValues(DbParameterCollection parameters, int first, PredictionRecord record)
    {
        var entry = ToEntry(record);
        parameters[first].Value = entry.Timestamp.UtcTicks;
        parameters[first + 1].Value = entry.Model;
        parameters[first + 2].Value = entry.Version;
        parameters[first + 3].Value = entry.VersionSource;
        parameters[first + 4].Value = entry.Features;
        parameters[first + 5].Value = entry.Output;
        parameters[first + 6].Value = entry.LatencyMilliseconds;
        parameters[first + 7].Value = entry.TraceId;
        parameters[first + 8].Value = entry.Caller;
    }

    /// <summary>INSERT INTO "PredictionLog" ("Timestamp", ...) VALUES (@p0, ...), (...) for <paramref name="rows"/> rows.</summary>
    private static string InsertSql(DashboardDbContext db, int rows)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(PredictionLogEntry))
            ?? throw new InvalidOperationException("PredictionLogEntry is not in the database model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = Properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName(table)!));
        var text = new StringBuilder($"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Properties.Length; c++)
            {
                text.Append(c == 0 ? "" : ", ").Append("@p").Append((r * Properties.Length) + c);
            }
            text.Append(')');
        }
        return text.ToString();
    }
}
