using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Shared;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Pages.Applications;

public partial class ApplicationDetailPage : LiveClusterComponent
{
    private ArgoApplication? _app;
    private List<ClusterPod> _pods = [];
    private List<ClusterEvent> _events = [];
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public required string Name { get; set; }

    // Node changes and other applications' changes do not show here; re-rendering for them would only
    // make this application's own change wait for the next batch window.
    protected override bool IsRelevant(ClusterChange change) => change.Type == ClusterChangeType.Connection || _app is null || change.Kind switch
    {
        ClusterKind.Applications => change.Key == _app.Key,
        ClusterKind.Pods or ClusterKind.Events => InNamespaceOfApplication(change.Key),
        _ => false,
    };

    private bool InNamespaceOfApplication(string key) =>
        key.StartsWith(_app!.Destination.Namespace + "/", StringComparison.Ordinal) || key.StartsWith(_app.Namespace + "/", StringComparison.Ordinal);

    protected override void OnParametersSet()
    {
        _breadcrumbs = [new("Applications", "applications"), new(Name, null, disabled: true)];
        OnSnapshotChanged();
    }

    protected override void OnSnapshotChanged()
    {
        if (Name is null)
        {
            return;
        }
        _app = Snapshot.Application(Name);
        if (_app is null)
        {
            _pods = [];
            _events = [];
            return;
        }
        _pods = [.. PodOwnership.PodsOf(Snapshot, Name).OrderBy(p => p.Name, StringComparer.Ordinal)];
        var podNames = _pods.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var workloads = _app.Resources.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        _events = [.. Snapshot.Events.Values
            .Where(e => (e.InvolvedKind == "Application" && e.InvolvedName == Name)
                || (e.InvolvedKind == "Pod" && podNames.Contains(e.InvolvedName))
                || (e.InvolvedKind == "Deployment" && workloads.Contains(e.InvolvedName) && e.InvolvedNamespace == _app.Destination.Namespace))
            .OrderByDescending(e => e.LastSeen).Take(15)];
    }
}
