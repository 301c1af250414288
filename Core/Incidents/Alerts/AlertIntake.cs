using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Incidents.Alerts;

public sealed record AlertIntakeResult(int Received, IReadOnlyList<long> NewlyFiring, int Resolved, int Unchanged);

/// <summary>
/// Stores webhook alerts idempotently on groupKey + fingerprint: a redelivery changes nothing, a
/// resolved alert closes its item, and an alert that fires again after resolving reopens it.
/// </summary>
public sealed class AlertIntake(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public event Action? Changed;

    public async Task<AlertIntakeResult> ReceiveAsync(AlertmanagerPayload payload, CancellationToken cancellationToken)
    {
        try
        {
            return await ReceiveOnceAsync(payload, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two deliveries of the same new alert raced to insert it; the second now finds it.
            return await ReceiveOnceAsync(payload, cancellationToken);
        }
    }

    private async Task<AlertIntakeResult> ReceiveOnceAsync(AlertmanagerPayload payload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var groupKey = Cut(payload.GroupKey!, 1000);
        var newlyFiring = new List<AlertRecord>();
        int resolved = 0, unchanged = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fingerprints = payload.Alerts.Select(a => a.Fingerprint!).ToList();
        var existing = await db.Set<AlertRecord>().Where(a => a.GroupKey == groupKey && fingerprints.Contains(a.Fingerprint)).ToDictionaryAsync(a => a.Fingerprint, cancellationToken);
        foreach (var alert in payload.Alerts.GroupBy(a => a.Fingerprint!).Select(g => g.Last()))
        {
            var record = existing.GetValueOrDefault(alert.Fingerprint!);
            if (record is null)
            {
                record = new AlertRecord { GroupKey = groupKey, Fingerprint = Cut(alert.Fingerprint!, 64), ReceivedAt = now };
                db.Set<AlertRecord>().Add(record);
            }
            else if (record.Status == alert.Status && record.StartsAt == alert.StartsAt)
            {
                unchanged++;
                continue;
            }
            var reopened = record.Status != AlertStatus.Firing && alert.Status == AlertStatus.Firing;
            record.Status = alert.Status!;
            record.AlertName = Cut(alert.Labels["alertname"], 200);
            record.Severity = Cut(alert.Labels.GetValueOrDefault("severity") ?? "", 40);
            record.Namespace = alert.Labels.GetValueOrDefault("namespace");
            record.Summary = Cut(alert.Annotations.GetValueOrDefault("summary") ?? alert.Annotations.GetValueOrDefault("description") ?? "", 2000);
            record.LabelsJson = JsonSerializer.Serialize(alert.Labels);
            record.AnnotationsJson = JsonSerializer.Serialize(alert.Annotations);
            record.StartsAt = alert.StartsAt;
            record.EndsAt = alert.Status == AlertStatus.Resolved ? alert.EndsAt ?? now : null;
            record.ReceivedAt = now;
            if (alert.Status == AlertStatus.Resolved)
            {
                resolved++;
            }
            else if (record.Id == 0 || reopened)
            {
                record.AnalysisId = null;
                newlyFiring.Add(record);
            }
            else
            {
                unchanged++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        Changed?.Invoke();
        return new AlertIntakeResult(payload.Alerts.Count, [.. newlyFiring.Select(r => r.Id)], resolved, unchanged);
    }

    public async Task<IReadOnlyList<AlertRecord>> FiringAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AlertRecord>().AsNoTracking().Where(a => a.Status == AlertStatus.Firing).OrderByDescending(a => a.StartsAt).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<AlertRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AlertRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    public async Task LinkAnalysisAsync(long alertId, long analysisId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<AlertRecord>().Where(a => a.Id == alertId).ExecuteUpdateAsync(s => s.SetProperty(a => a.AnalysisId, analysisId), cancellationToken);
        Changed?.Invoke();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
