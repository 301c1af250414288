using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class ClusterOverviewTests
{
    [Fact]
    public void PodRowsOn_PodsOfTwoApplications_GroupedUnderHeadingsByName()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false),
            ClusterFixtures.Application("serving", ns: "models", resources: ("Deployment", "model-serving", 4)),
            ClusterFixtures.Pod("models", "model-serving-2", "wsl-worker", workload: "model-serving", cpu: 2, memoryGi: 3),
            ClusterFixtures.Pod("models", "model-serving-1", "wsl-worker", workload: "model-serving", cpu: 2, memoryGi: 3),
            ClusterFixtures.Pod("training", "train-1", "wsl-worker", workload: "train"));

        var overview = ClusterOverview.For(state.Current);

        Assert.Equal(
            ["serving", "models/model-serving-1", "models/model-serving-2", "training/train", "training/train-1"],
            overview.PodRowsOn("wsl-worker").Select(r => r.Pod?.Key ?? r.Application));
        Assert.Equal(3, overview.PodCountOn("wsl-worker"));
        Assert.Equal((4.1m, 6.25m * ClusterFixtures.Gi), overview.RequestedOn("wsl-worker"));
        Assert.Empty(overview.PodRowsOn("mac-m2"));
    }

    [Fact]
    public void For_SnapshotsWithTheSameObjects_OneSharedOverviewUntilAPodChanges()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true), ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2"));
        var first = ClusterOverview.For(state.Current);
        state.MarkStale(ClusterKind.Pods, "connection reset");

        var afterConnectionChange = ClusterOverview.For(state.Current);
        state.Apply(ClusterKind.Pods, ClusterChangeType.Added, ClusterFixtures.Pod("grafana", "grafana-2", "mac-m2"));
        var afterPodChange = ClusterOverview.For(state.Current);

        Assert.Same(first, afterConnectionChange);
        Assert.NotSame(first, afterPodChange);
        Assert.Equal(2, afterPodChange.PodCountOn("mac-m2"));
    }

    [Fact]
    public void For_NodeUsageChangedThenAPodChanged_SameRowsUntilTheNodesPodsChange()
    {
        var node = ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true);
        var state = ClusterFixtures.State(node, ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2"), ClusterFixtures.Pod("mlflow", "mlflow-1", "mac-m2"));
        var first = ClusterOverview.For(state.Current);

        state.Apply(ClusterKind.Nodes, ClusterChangeType.Modified, node with { ResourceVersion = ClusterFixtures.NextVersion(), UsedCpu = 3m });
        var afterUsage = ClusterOverview.For(state.Current);
        state.Apply(ClusterKind.Pods, ClusterChangeType.Modified, ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", restarts: 1));
        var afterPod = ClusterOverview.For(state.Current);

        Assert.NotSame(first, afterUsage);
        Assert.Same(first.PodRowsOn("mac-m2"), afterUsage.PodRowsOn("mac-m2"));
        Assert.NotSame(first.PodRowsOn("mac-m2"), afterPod.PodRowsOn("mac-m2"));
        Assert.Equal(1, afterPod.PodRowsOn("mac-m2").Single(r => r.Pod?.Name == "grafana-1").Pod!.Restarts);
    }
}
