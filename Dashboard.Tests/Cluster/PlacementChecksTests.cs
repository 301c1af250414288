using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Placement;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class PlacementChecksTests
{
    private static readonly ClusterNode Mac = ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true);
    private static readonly ClusterNode Worker = ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false);

    [Fact]
    public void Evaluate_HealthyPlatform_NoWarnings()
    {
        var state = ClusterFixtures.State(Mac, Worker,
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2"),
            ClusterFixtures.Pod("model-serving", "model-serving-1", "wsl-worker", "ghcr.io/example/model-serving:1.3.2", cpu: 2, memoryGi: 3));

        Assert.Empty(PlacementChecks.Evaluate(state.Current));
    }

    [Fact]
    public void Evaluate_Amd64OnlyImageOnArm64Node_ArchitectureMismatchWithEvidence()
    {
        var state = ClusterFixtures.State(Mac, Worker,
            ClusterFixtures.Pod("monitoring-exporters", "exporter-1", "mac-m2", "ghcr.io/example/legacy-metrics-exporter:0.9.1", waitingReason: "CrashLoopBackOff", restarts: 4));

        var warning = Assert.Single(PlacementChecks.Evaluate(state.Current));

        Assert.Equal((PlacementCheck.ArchitectureMismatch, "mac-m2", "monitoring-exporters/exporter-1"), (warning.Check, warning.Node, warning.Subject));
        Assert.Contains("image ghcr.io/example/legacy-metrics-exporter:0.9.1 is built for amd64 only", warning.Evidence);
        Assert.Contains("node mac-m2 is arm64", warning.Evidence);
        Assert.Contains(warning.Evidence, e => e.Contains("CrashLoopBackOff, 4 restarts, last exit code 255", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ServingPodOnControlPlane_HeavyWorkloadWarning()
    {
        var state = ClusterFixtures.State(Mac, Worker, ClusterFixtures.Pod("model-serving", "model-serving-1", "mac-m2", "ghcr.io/example/other:1", cpu: 2, memoryGi: 3));

        var warning = Assert.Single(PlacementChecks.Evaluate(state.Current));

        Assert.Equal(PlacementCheck.HeavyWorkloadOnControlPlane, warning.Check);
        Assert.Contains("budget table places Model serving on wsl-worker", warning.Evidence);
    }

    [Fact]
    public void Evaluate_GrafanaAskingForTwoGiB_OverBudgetNamesTheLimit()
    {
        var state = ClusterFixtures.State(Mac, Worker, ClusterFixtures.Pod("grafana", "grafana-1", "wsl-worker", memoryGi: 1));

        var warning = Assert.Single(PlacementChecks.Evaluate(state.Current));

        Assert.Equal(PlacementCheck.OverBudget, warning.Check);
        Assert.Equal(["memory request 1 GiB > budget 512 MiB", "memory limit 2 GiB > budget 512 MiB"], warning.Evidence);
    }

    [Fact]
    public void Evaluate_WorkerUnderMemoryPressure_NodePressureWarning()
    {
        var state = ClusterFixtures.State(Mac, ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false, memoryPressure: true));

        var warning = Assert.Single(PlacementChecks.Evaluate(state.Current));

        Assert.Equal((PlacementCheck.NodePressure, "wsl-worker"), (warning.Check, warning.Node));
        Assert.StartsWith("condition MemoryPressure=True (KubeletHasInsufficientMemory)", warning.Evidence[0]);
    }

    [Fact]
    public void Evaluate_ServingPinnedToNotReadyWorker_PinnedWarningWithAffinity()
    {
        var affinity = System.Collections.Immutable.ImmutableArray.Create(System.Collections.Immutable.ImmutableArray.Create(new NodeRequirement("workload", "In", ["compute-intensive"])));
        var state = ClusterFixtures.State(Mac, ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false, ready: false),
            ClusterFixtures.Pod("model-serving", "model-serving-1", "wsl-worker", "ghcr.io/example/model-serving:1.3.2", cpu: 2, memoryGi: 3, affinity: affinity),
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2"));

        var warning = Assert.Single(PlacementChecks.Evaluate(state.Current));

        Assert.Equal((PlacementCheck.PinnedToNotReadyNode, "wsl-worker", "model-serving/model-serving-1"), (warning.Check, warning.Node, warning.Subject));
        Assert.Contains("required node affinity workload In [compute-intensive]", warning.Evidence);
    }
}
