using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

public partial class ApplicationsPage : LiveClusterComponent
{
    private const int TilesPerRow = 4;

    private readonly ApplicationFilter _filter = new();
    private string _view = "table";
    private List<ArgoApplication> _all = [];
    private List<ArgoApplication> _filtered = [];
    private List<ArgoApplication[]> _tileRows = [];
    private List<string> _projects = [];
    private List<string> _syncs = [];
    private List<string> _healths = [];
    private List<string> _namespaces = [];
    private int _attention;

    protected override bool IsRelevant(ClusterChange change) => change.Kind == ClusterKind.Applications || change.Type == ClusterChangeType.Connection;

    protected override void OnSnapshotChanged()
    {
        _all = [.. Snapshot.Applications.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];
        _projects = Distinct(a => a.Project);
        _syncs = Distinct(a => a.SyncStatus);
        _healths = Distinct(a => a.HealthStatus);
        _namespaces = Distinct(a => a.Destination.Namespace);
        _attention = _all.Count(a => a.NeedsAttention);
        Filter();
    }

    private void Filter()
    {
        _filtered = [.. _all.Where(_filter.Matches)];
        _tileRows = [.. _filtered.Chunk(TilesPerRow)];
    }

    private List<string> Distinct(Func<ArgoApplication, string> selector) =>
        [.. _all.Select(selector).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private IEnumerable<(string Label, int Count, Action Apply)> AttentionChips()
    {
        foreach (var sync in _all.Where(a => a.SyncStatus != ArgoApplication.Synced).GroupBy(a => a.SyncStatus).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return (sync.Key, sync.Count(), () => Only(s: sync.Key));
        }
        foreach (var health in _all.Where(a => a.HealthStatus != ArgoApplication.Healthy).GroupBy(a => a.HealthStatus).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return (health.Key, health.Count(), () => Only(h: health.Key));
        }
        var failed = _all.Count(a => a.OperationState?.Phase is "Failed" or "Error");
        if (failed > 0)
        {
            yield return ("sync failed", failed, ShowAttention);
        }
        var errors = _all.Count(a => a.Conditions.Any(c => c.IsError));
        if (errors > 0)
        {
            yield return ("with errors", errors, ShowAttention);
        }
    }

    private void Only(string? s = null, string? h = null)
    {
        _filter.Clear();
        _filter.Sync = s;
        _filter.Health = h;
        Filter();
    }

    private void ShowAttention()
    {
        _filter.Clear();
        _filter.AttentionOnly = true;
        Filter();
    }

    internal static string Short(string? revision) => revision is { Length: > 7 } r ? r[..7] : revision ?? "—";

    private string Ago(DateTimeOffset? time) => ApplicationTile.Ago(Clock, time);
}
