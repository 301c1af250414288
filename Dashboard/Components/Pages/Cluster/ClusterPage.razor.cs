using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Dashboard.Components.Layout;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

/// <summary>
/// Both nodes side by side with their pods, pending pods and placement warnings. Everything shown is
/// read from the shared <see cref="ClusterOverview"/>: a circuit holds a reference to it, not lists of its own.
/// No popover or dialog: tooltips are native titles, the Analyze buttons are plain buttons.
/// </summary>
[WithoutPopovers]
public partial class ClusterPage : LiveClusterComponent
{
    private ClusterOverview _overview = null!;

    protected override void OnSnapshotChanged() => _overview = ClusterOverview.For(Snapshot);
}
