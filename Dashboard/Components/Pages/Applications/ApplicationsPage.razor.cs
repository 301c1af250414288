using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Layout;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

/// <summary>
/// Every Argo CD application, filtered and sorted. The sorted lists come from the shared
/// <see cref="ApplicationCatalog"/>; a circuit keeps its filter, a reference to them, and a list of
/// its own only while a filter is set. No popover or dialog: the filters are native selects and inputs.
/// </summary>
[WithoutPopovers]
public partial class ApplicationsPage : LiveClusterComponent
{
    // The text filters apply once typing pauses this long (MudTextField's DebounceInterval did it before).
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(150);
    private static readonly string CountChipClass = ChipMarkup.ClassOf(MudBlazor.Color.Default, "outlined");
    private static readonly string AttentionChipClass = ChipMarkup.ClassOf(MudBlazor.Color.Warning, "outlined") + " mud-clickable";
    private static readonly MarkupString HealthyIcon = IconMarkup.Svg(MudBlazor.Icons.Material.Filled.CheckCircle, "small", "mud-success-text");

    private readonly ApplicationFilter _filter = new();
    private string _view = "table";
    private ApplicationSortKey _sort = ApplicationSortKey.Name;
    private bool _descending;
    private int _keystrokes;
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

    private async Task FilterAfterTyping()
    {
        var keystroke = ++_keystrokes;
        await Task.Delay(TypingPause);
        if (keystroke == _keystrokes)
        {
            Filter();
        }
    }

    private string ViewButtonClass(string view) => view == _view
        ? "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple"
        : "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";

    private string Pressed(string view) => view == _view ? "true" : "false";

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
