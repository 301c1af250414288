using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Placement;
using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Components.Pages.Cluster;

public partial class ClusterPage : LiveClusterComponent
{
    private List<ClusterNode> _nodes = [];
    private ILookup<string, ClusterPod> _podsByNode = Enumerable.Empty<ClusterPod>().ToLookup(p => "");
    private List<ClusterPod> _pending = [];
    private IReadOnlyList<PlacementWarning> _warnings = [];
    private IReadOnlyDictionary<string, string> _applicationsByWorkload = new Dictionary<string, string>();

    protected override void OnSnapshotChanged()
    {
        // Control plane first, as the platform is described: mac-m2 beside wsl-worker.
        _nodes = [.. Snapshot.Nodes.Values.OrderByDescending(n => n.IsControlPlane).ThenBy(n => n.Name, StringComparer.Ordinal)];
        _podsByNode = Snapshot.Pods.Values.Where(p => p.NodeName is not null).ToLookup(p => p.NodeName!);
        _pending = [.. Snapshot.Pods.Values.Where(p => p.NodeName is null || p.Phase == "Pending" && p.UnschedulableReason is not null).OrderBy(p => p.Key, StringComparer.Ordinal)];
        _warnings = PlacementChecks.Evaluate(Snapshot);
        _applicationsByWorkload = PodOwnership.ApplicationsByWorkload(Snapshot);
    }

    private IEnumerable<ClusterPod> PodsOn(string node) => _podsByNode[node];

    private string ApplicationOf(ClusterPod pod) => PodOwnership.ApplicationOf(pod, _applicationsByWorkload);
}
