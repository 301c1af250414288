using Bunit;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Dashboard.Components.Pages.Cluster;
using MlOpsDashboard.Dashboard.Components.Shared;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class ClusterPageTests : BunitTestContext
{
    [Fact]
    public void ClusterPage_TwoNodes_ShowsEachWithItsPodsGroupedByApplication()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false),
            ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true),
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana"),
            ClusterFixtures.Pod("model-serving", "model-serving-1", "wsl-worker", "ghcr.io/example/model-serving:1.3.2", cpu: 2, memoryGi: 3, workload: "model-serving", restarts: 2),
            ClusterFixtures.Application("model-serving-production", resources: [("Deployment", "model-serving", 4)]) with { Destination = new("https://kubernetes.default.svc", "model-serving"), Resources = [new("apps", "Deployment", "model-serving", "model-serving", "Synced", 4, "Healthy", null)] });
        Services.AddSingleton(state);

        var page = Render<ClusterPage>();

        var cards = page.FindAll("[data-testid=node-card]");
        Assert.Equal(["mac-m2", "wsl-worker"], cards.Select(c => c.GetAttribute("data-node")));
        Assert.Equal("arm64", cards[0].QuerySelector("[data-testid=node-arch]")!.TextContent);
        var serving = page.Find("[data-node=wsl-worker] tr[data-pod='model-serving/model-serving-1']");
        Assert.Contains("model-serving-production", page.Find("[data-node=wsl-worker] [data-testid=node-pods]").TextContent);
        Assert.Equal("2", serving.Children[3].TextContent);
        Assert.NotNull(page.Find("[data-testid=placement-ok]"));
        Assert.Equal("live", page.Find("[data-testid=stale-indicator]").GetAttribute("data-state"));
    }

    [Fact]
    public void ClusterPage_PodStartsCrashLooping_RerendersWithoutReloadAfterTheBatch()
    {
        var pod = ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2");
        var state = ClusterFixtures.State(ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true), pod);
        Services.AddSingleton(state);
        var page = Render<ClusterPage>();
        Assert.Equal("Running", page.Find("tr[data-pod='grafana/grafana-1']").GetAttribute("data-status"));

        state.Apply(ClusterKind.Pods, ClusterChangeType.Modified, ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", waitingReason: "CrashLoopBackOff", restarts: 3));

        page.WaitForAssertion(() => Assert.Equal("CrashLoopBackOff", page.Find("tr[data-pod='grafana/grafana-1']").GetAttribute("data-status")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ClusterPage_PendingPodAndAmd64ImageOnArm64_ShowsSchedulerReasonAndWarning()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true),
            ClusterFixtures.Pod("training", "train-1", null, pendingReason: "0/2 nodes are available: 2 Insufficient memory."),
            ClusterFixtures.Pod("monitoring-exporters", "exporter-1", "mac-m2", "ghcr.io/example/legacy-metrics-exporter:0.9.1", waitingReason: "CrashLoopBackOff"));
        Services.AddSingleton(state);

        var page = Render<ClusterPage>();

        Assert.Contains("0/2 nodes are available: 2 Insufficient memory.", page.Find("[data-testid=pending-pods] tr[data-pod='training/train-1']").TextContent);
        var warning = page.Find("[data-check=ArchitectureMismatch]");
        Assert.Equal("monitoring-exporters/exporter-1", warning.GetAttribute("data-subject"));
        Assert.Contains("is built for amd64 only", warning.TextContent);
        var chip = page.Find("[data-node=mac-m2] [data-testid=node-warnings]");
        Assert.Equal("1 placement warning", chip.TextContent);
        Assert.NotNull(chip.QuerySelector("svg.mud-chip-icon"));
    }

    [Theory]
    [InlineData(WatchStatus.Live, "live", "Live", "mud-chip-color-success")]
    [InlineData(WatchStatus.Connecting, "connecting", "Connecting…", "mud-chip-color-default")]
    public void StaleIndicator_WatchUp_OutlinedChipWithIconAndState(WatchStatus status, string state, string text, string colorClass)
    {
        var indicator = Render<StaleIndicator>(p => p.Add(x => x.Connection, new ClusterConnection(true, status, null, null)));

        var chip = indicator.Find("[data-testid=stale-indicator]");
        Assert.Equal(state, chip.GetAttribute("data-state"));
        Assert.Contains("mud-chip-outlined", chip.ClassName);
        Assert.Contains(colorClass, chip.ClassName);
        Assert.NotNull(chip.QuerySelector("svg.mud-chip-icon"));
        Assert.Equal(text, chip.QuerySelector(".mud-chip-content")!.TextContent);
    }

    [Fact]
    public void StaleIndicator_WatchLost_SaysStaleSinceLocalTime()
    {
        var since = new DateTimeOffset(2026, 11, 24, 2, 14, 5, TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(since, TimeProvider.System.LocalTimeZone).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        var indicator = Render<StaleIndicator>(p => p.Add(x => x.Connection, new ClusterConnection(true, WatchStatus.Stale, since, "Pods: connection reset")));

        Assert.Equal("stale", indicator.Find("[data-testid=stale-indicator]").GetAttribute("data-state"));
        Assert.Contains($"Stale since {local}", indicator.Markup);
        Assert.Contains("connection reset", indicator.Markup);
    }

    [Fact]
    public void StaleIndicator_NoCluster_TellsWhatToSet()
    {
        var indicator = Render<StaleIndicator>(p => p.Add(x => x.Connection, new ClusterConnection(false, WatchStatus.Connecting, null, null)));

        Assert.Contains("Cluster:Mode", indicator.Markup);
    }
}
