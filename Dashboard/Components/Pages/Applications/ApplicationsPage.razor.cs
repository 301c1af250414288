using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>
/// Every Argo CD application, filtered and sorted. The sorted lists come from the shared
/// <see cref="ApplicationCatalog"/>; a circuit keeps its filter, a reference to them, and a list of
/// its own only while a filter is set.
/// </summary>
public partial class ApplicationsPage : LiveClusterComponent
{
    private readonly ApplicationFilter _filter = new();
    private string _view = "table";
    private ApplicationSortKey _sort = ApplicationSortKey.Name;
    private bool _descending;
    private ApplicationListView _lists = null!;
    private IList<ArgoApplication> _rows = [];
    private TileRows _tileRows = new([]);

    [Inject]
    public required ApplicationCatalog Catalog { get; init; }

    protected override bool IsRelevant(ClusterChange change) => change.Kind == ClusterKind.Applications || change.Type == ClusterChangeType.Connection;

    protected override void OnSnapshotChanged()
    {
        _lists = Catalog.For(Snapshot);
        Filter();
    }

    private void Filter()
    {
        var sorted = _lists.SortedBy(_sort, _descending);
        _rows = _filter.IsEmpty ? sorted : Array.AsReadOnly(sorted.Where(_filter.Matches).ToArray());
        _tileRows = new TileRows(_rows);
    }

    private void SortBy(ApplicationSortKey key)
    {
        _descending = key == _sort && !_descending;
        _sort = key;
        Filter();
    }

    private IEnumerable<(string Label, int Count, Action Apply)> AttentionChips()
    {
        foreach (var (sync, count) in _lists.NotSynced)
        {
            yield return (sync, count, () => Only(s: sync));
        }
        foreach (var (health, count) in _lists.NotHealthy)
        {
            yield return (health, count, () => Only(h: health));
        }
        if (_lists.FailedOperations > 0)
        {
            yield return ("sync failed", _lists.FailedOperations, ShowAttention);
        }
        if (_lists.WithErrors > 0)
        {
            yield return ("with errors", _lists.WithErrors, ShowAttention);
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
}
