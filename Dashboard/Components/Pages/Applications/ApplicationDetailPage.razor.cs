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
