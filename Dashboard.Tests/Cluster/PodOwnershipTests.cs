using System.Collections.Immutable;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class PodOwnershipTests
{
    private static readonly ImmutableSortedDictionary<string, string> InstanceServing =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add("app.kubernetes.io/instance", "serving");

    [Fact]
    public void PodsOf_PodsOfItsOwnAndOtherWorkloads_OnlyItsOwn()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("serving", ns: "models", resources: ("Deployment", "model-serving", 4)),
            ClusterFixtures.Application("grafana", ns: "monitoring", resources: ("Deployment", "grafana", 4)),
            ClusterFixtures.Pod("models", "model-serving-1", "wsl-worker", workload: "model-serving"),
            ClusterFixtures.Pod("models", "model-serving-2", "wsl-worker", workload: "model-serving"),
            ClusterFixtures.Pod("monitoring", "grafana-1", "mac-m2", workload: "grafana"));

        var pods = PodOwnership.PodsOf(state.Current, "serving").Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["model-serving-1", "model-serving-2"], pods);
    }

    [Fact]
    public void PodsOf_LabelledPodOfUnclaimedWorkload_IncludedByLabel()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("serving", ns: "models", resources: ("Deployment", "model-serving", 4)),
            ClusterFixtures.Pod("models", "sidecar-job-1", "wsl-worker", workload: "sidecar-job") with { Labels = InstanceServing });

        Assert.Equal("sidecar-job-1", Assert.Single(PodOwnership.PodsOf(state.Current, "serving")).Name);
    }

    [Fact]
    public void PodsOf_LabelledPodOfAnotherApplicationsWorkload_Excluded()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("serving", ns: "models", resources: ("Deployment", "model-serving", 4)),
            ClusterFixtures.Application("canary", ns: "models", resources: ("Deployment", "canary", 4)),
            ClusterFixtures.Pod("models", "canary-1", "wsl-worker", workload: "canary") with { Labels = InstanceServing });

        Assert.Empty(PodOwnership.PodsOf(state.Current, "serving"));
        Assert.Equal("canary-1", Assert.Single(PodOwnership.PodsOf(state.Current, "canary")).Name);
    }

    [Fact]
    public void ApplicationsByWorkload_PodChangeThenApplicationChange_SharedUntilApplicationsChange()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("serving", ns: "models", resources: ("Deployment", "model-serving", 4)));
        var first = PodOwnership.ApplicationsByWorkload(state.Current);

        state.Apply(ClusterKind.Pods, ClusterChangeType.Added, ClusterFixtures.Pod("models", "model-serving-1", "wsl-worker", workload: "model-serving"));
        var afterPod = PodOwnership.ApplicationsByWorkload(state.Current);
        state.Apply(ClusterKind.Applications, ClusterChangeType.Added, ClusterFixtures.Application("grafana", ns: "monitoring", resources: ("Deployment", "grafana", 4)));
        var afterApplication = PodOwnership.ApplicationsByWorkload(state.Current);

        Assert.Same(first, afterPod);
        Assert.NotSame(first, afterApplication);
        Assert.Equal("serving", afterApplication["models/model-serving"]);
        Assert.Equal("grafana", afterApplication["monitoring/grafana"]);
    }
}
