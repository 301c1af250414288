using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Alerts;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Incidents.Attention;

/// <summary>One thing on-call should look at.</summary>
public sealed record AttentionItem(string Key, string Kind, string Title, string Detail, Urgency Severity, DateTimeOffset Since, string? Href)
{
    public string? AcknowledgedBy { get; init; }

    /// <summary>What the item's Analyze button analyses; null where there is nothing to analyse (an analysis itself).</summary>
    public Context.AnalysisSubject? Subject { get; init; }
}

/// <summary>
/// The extension point of the queue: degraded or out-of-sync applications, drift and failed CI
/// runs come from their features through this interface.
/// </summary>
public interface IAttentionSource
{
    Task<IReadOnlyList<AttentionItem>> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Firing alerts, fresh analyses and every source's items in one list, most severe first; acknowledge and snooze.</summary>
public sealed class AttentionQueue(
    AlertIntake alerts,
    AnalysisStore analyses,
    IEnumerable<IAttentionSource> sources,
    IDbContextFactory<DashboardDbContext> contexts,
    IOptions<IncidentsOptions> options,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AttentionItem>> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var items = new List<AttentionItem>();
        foreach (var alert in await alerts.FiringAsync(cancellationToken))
        {
            items.Add(new AttentionItem($"alert:{alert.Id}", "alert", alert.AlertName, alert.Summary, AlertSeverity(alert.Severity), alert.StartsAt,
                alert.AnalysisId is { } id ? $"/analyses?id={id}" : null)
            {
                Subject = Context.AnalysisSubject.Alert(alert.Id, alert.AlertName),
            });
        }
        foreach (var analysis in await analyses.SinceAsync(now.AddHours(-options.Value.FreshAnalysisHours), cancellationToken))
        {
            items.Add(new AttentionItem($"analysis:{analysis.Id}", "analysis", $"{analysis.TopCause} ({analysis.Trigger}: {analysis.TriggerDetail})", analysis.Summary,
                Enum.TryParse<Urgency>(analysis.Urgency, out var urgency) ? urgency : Urgency.P2, analysis.CreatedAt, $"/analyses?id={analysis.Id}"));
        }
        foreach (var source in sources)
        {
            items.AddRange(await source.GetAsync(cancellationToken));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = items.Select(i => i.Key).ToList();
        var marks = await db.Set<AttentionMark>().AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, cancellationToken);
        return [.. items
            .Where(i => !(marks.GetValueOrDefault(i.Key)?.SnoozedUntil > now))
            .Select(i => i with { AcknowledgedBy = marks.GetValueOrDefault(i.Key)?.AcknowledgedBy })
            .OrderBy(i => i.AcknowledgedBy is not null)
            .ThenBy(i => i.Severity)
            .ThenByDescending(i => i.Since)];
    }

    public Task AcknowledgeAsync(string key, string user, CancellationToken cancellationToken) =>
        MarkAsync(key, m =>
        {
            m.AcknowledgedBy = user;
            m.AcknowledgedAt = clock.GetUtcNow();
        }, cancellationToken);

    /// <summary>Hides the item until <paramref name="until"/>; a reason is required so the next person knows why.</summary>
    public Task SnoozeAsync(string key, string user, string reason, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A snooze needs a reason.", nameof(reason));
        }
        if (until <= clock.GetUtcNow())
        {
            throw new ArgumentException("A snooze must end in the future.", nameof(until));
        }
        return MarkAsync(key, m =>
        {
            m.SnoozedBy = user;
            m.SnoozeReason = reason.Length > 500 ? reason[..500] : reason;
            m.SnoozedUntil = until;
        }, cancellationToken);
    }

    private async Task MarkAsync(string key, Action<AttentionMark> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mark = await db.Set<AttentionMark>().FirstOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (mark is null)
        {
            mark = new AttentionMark { Key = key };
            db.Set<AttentionMark>().Add(mark);
        }
        change(mark);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Urgency AlertSeverity(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" or "page" => Urgency.P0,
        "warning" => Urgency.P1,
        _ => Urgency.P2,
    };
}
