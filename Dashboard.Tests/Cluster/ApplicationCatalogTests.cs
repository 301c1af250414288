using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class ApplicationCatalogTests
{
    [Fact]
    public void For_PodChangeOnly_SameSharedView()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("mlflow"), ClusterFixtures.Application("grafana"));
        var catalog = new ApplicationCatalog();
        var first = catalog.For(state.Current);

        state.Apply(ClusterKind.Pods, ClusterChangeType.Added, ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2"));

        Assert.Same(first, catalog.For(state.Current));
        Assert.Equal(["grafana", "mlflow"], first.All.Select(a => a.Name));
    }

    [Fact]
    public void For_ApplicationChanged_NewViewWithNewCounts()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("grafana"));
        var catalog = new ApplicationCatalog();
        var first = catalog.For(state.Current);

        state.Apply(ClusterKind.Applications, ClusterChangeType.Modified, ClusterFixtures.Application("grafana", health: "Degraded"));
        var second = catalog.For(state.Current);

        Assert.NotSame(first, second);
        Assert.Equal((0, 1), (first.NeedingAttention, second.NeedingAttention));
        Assert.Equal([KeyValuePair.Create("Degraded", 1)], second.NotHealthy);
    }

    [Fact]
    public void SortedBy_HealthDescending_EqualHealthStaysByName()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("b-app"),
            ClusterFixtures.Application("c-app", health: "Degraded"),
            ClusterFixtures.Application("a-app"));
        var view = new ApplicationCatalog().For(state.Current);

        var sorted = view.SortedBy(ApplicationSortKey.Health, descending: true);

        Assert.Equal(["a-app", "b-app", "c-app"], sorted.Select(a => a.Name));
        Assert.Same(sorted, view.SortedBy(ApplicationSortKey.Health, descending: true));
        Assert.True(sorted.IsReadOnly);
    }
}
