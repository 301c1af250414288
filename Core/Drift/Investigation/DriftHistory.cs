using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Drift.Investigation;

/// <summary>A model version that has drift results.</summary>
public sealed record MonitoredVersion(string Model, string Version, DateTimeOffset LastWindowEnd);

/// <summary>Stored drift results for the Drift page, read in one query per question.</summary>
public sealed class DriftHistory(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<MonitoredVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DriftResultRecord>().AsNoTracking()
            .GroupBy(r => new { r.Model, r.Version })
            .Select(g => new { g.Key.Model, g.Key.Version, End = g.Max(r => r.WindowEnd) })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.End).Select(r => new MonitoredVersion(r.Model, r.Version, r.End))];
    }

    /// <summary>Results of one model, all versions, whose window starts in [from, to).</summary>
    public async Task<IReadOnlyList<DriftResultRecord>> ResultsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DriftResultRecord>().AsNoTracking()
            .Where(r => r.Model == model && r.WindowStart >= from && r.WindowStart < to)
            .OrderBy(r => r.WindowStart).ThenBy(r => r.Feature)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// When the current run of drift began for a model: the start of the earliest window in the
    /// unbroken run of drifted windows that ends with the latest window; null when the latest is clean.
    /// </summary>
    public static DriftWindow? DriftBegan(IReadOnlyList<DriftResultRecord> results)
    {
        var windows = results.GroupBy(r => r.WindowStart)
            .OrderByDescending(g => g.Key)
            .Select(g => (Window: new DriftWindow(g.Key, g.First().WindowEnd), Drifted: g.Any(r => r.Drifted)))
            .ToList();
        DriftWindow? began = null;
        foreach (var (window, drifted) in windows)
        {
            if (!drifted)
            {
                break;
            }
            began = window;
        }
        return began;
    }
}
