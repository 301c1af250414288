using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Incidents.Attention.Sources;

/// <summary>Model versions whose latest monitored window drifted, with the drifted features.</summary>
internal sealed class DriftAttentionSource(IDbContextFactory<DashboardDbContext> contexts) : IAttentionSource
{
    public async Task<IReadOnlyList<AttentionItem>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var results = db.Set<DriftResultRecord>().AsNoTracking();
        var latest = await results
            .GroupBy(r => new { r.Model, r.Version })
            .Select(g => new { g.Key.Model, g.Key.Version, WindowEnd = g.Max(r => r.WindowEnd) })
            .ToListAsync(cancellationToken);
        var items = new List<AttentionItem>();
        foreach (var window in latest)
        {
            var drifted = await results
                .Where(r => r.Model == window.Model && r.Version == window.Version && r.WindowEnd == window.WindowEnd && r.Drifted)
                .Select(r => r.Feature)
                .ToListAsync(cancellationToken);
            if (drifted.Count > 0)
            {
                items.Add(new AttentionItem($"drift:{window.Model}/{window.Version}", "Drift", $"{window.Model} {window.Version} drifts",
                    $"{drifted.Count} feature(s): {string.Join(", ", drifted.Order(StringComparer.Ordinal).Take(5))}", Urgency.P2, window.WindowEnd,
                    $"/drift?model={Uri.EscapeDataString(window.Model)}")
                {
                    Subject = Context.AnalysisSubject.Drift(window.Model, window.Version),
                });
            }
        }
        return items;
    }
}
