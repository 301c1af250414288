using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// The batch insert. EF Core's change tracking costs tens of microseconds per entity; at 10,000+
/// predictions a second that alone takes one of the machine's two cores from the requests. Here a
/// batch is multi-row INSERT statements (<see cref="RowsPerStatement"/> rows each) in one
/// transaction, with table and column names and quoting taken from the EF model and provider, and
/// values stored as EF stores them (timestamps as UTC ticks, see DashboardDbContext).
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
            for (var first = 0; first < batch.Count; first += RowsPerStatement)
            {
                var rows = Math.Min(RowsPerStatement, batch.Count - first);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertSql(db, rows);
                for (var r = 0; r < rows; r++)
                {
                    var entry = ToEntry(batch[first + r]);
                    object[] values =
                    [
                        entry.Timestamp.UtcTicks, entry.Model, entry.Version, entry.VersionSource, entry.Features,
                        entry.Output, entry.LatencyMilliseconds, entry.TraceId, entry.Caller,
                    ];
                    for (var c = 0; c < values.Length; c++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{(r * Properties.Length) + c}";
                        parameter.Value = values[c];
                        command.Parameters.Add(parameter);
                    }
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
