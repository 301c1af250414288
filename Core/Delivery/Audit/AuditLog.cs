using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Delivery.Audit;

public sealed record AuditQuery
{
    public string? User { get; init; }
    public string? Application { get; init; }
    public AuditAction? Action { get; init; }
    public AuditOutcome? Outcome { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Limit { get; init; } = 500;
}

/// <summary>The record of every promote and rollback, stored whatever the outcome.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> databases, TimeProvider clock)
{
    public const int MaxLimit = 10_000;

    public async Task<AuditEntry> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        entry.At = entry.At == default ? clock.GetUtcNow() : entry.At;
        entry.Summary = Truncate(entry.Summary, 2000);
        entry.Reason = Truncate(entry.Reason, 2000);
        entry.Detail = entry.Detail is null ? null : Truncate(entry.Detail, 4000);
        await using var db = databases.CreateDbContext();
        db.Set<AuditEntry>().Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = databases.CreateDbContext();
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            entries = entries.Where(e => e.User == query.User.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Application))
        {
            entries = entries.Where(e => e.Application == query.Application.Trim());
        }
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (query.Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        return await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(query.Limit, 1, MaxLimit)).ToListAsync(cancellationToken);
    }

    /// <summary>RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote.</summary>
    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("at,user,role,action,application,summary,reason,outcome,commit,pull_request,detail\r\n");
        foreach (var e in entries)
        {
            string[] cells =
            [
                e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), e.User, e.Role, e.Action.ToString(), e.Application,
                e.Summary, e.Reason, e.Outcome.ToString(), e.CommitSha ?? "", e.PullRequestUrl ?? "", e.Detail ?? "",
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
