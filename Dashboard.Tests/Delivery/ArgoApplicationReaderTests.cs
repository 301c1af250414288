using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Dashboard.Tests.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class ArgoApplicationReaderTests
{
    [Fact]
    public async Task GetAsync_ApplicationInSharedState_SyncHealthAndHistory()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("model-serving-production", sync: "OutOfSync", health: "Progressing"));
        var reader = new ArgoApplicationReader(state);

        var argo = await reader.GetAsync("model-serving-production");

        Assert.NotNull(argo);
        Assert.Equal(("OutOfSync", "Progressing", "4f2a9c1d00000000000000000000000000000000"), (argo.SyncStatus, argo.HealthStatus, argo.SyncRevision));
        Assert.Equal("4f2a9c1d00000000000000000000000000000000", Assert.Single(argo.History).Revision);
    }

    [Fact]
    public async Task GetAsync_ApplicationChangedByWatch_NextReadSeesIt()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("grafana"));
        var reader = new ArgoApplicationReader(state);

        state.Apply(ClusterKind.Applications, ClusterChangeType.Modified, ClusterFixtures.Application("grafana", health: "Degraded"));

        Assert.Equal("Degraded", (await reader.GetAsync("grafana"))?.HealthStatus);
        Assert.Null(await reader.GetAsync("no-such-application"));
    }

    [Fact]
    public async Task GetAsync_NoCluster_NotConfiguredAndNothing()
    {
        var reader = new ArgoApplicationReader(new ClusterState(configured: false, TimeProvider.System));

        Assert.False(reader.IsConfigured);
        Assert.False(reader.IsLive);
        Assert.Null(await reader.GetAsync("grafana"));
    }
}
