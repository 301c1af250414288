using Bunit;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Dashboard.Components.Pages.Analyses;
using MlOpsDashboard.Dashboard.Components.Pages.Cluster;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class NodeCardAnalyzeTests : BunitTestContext
{
    [Theory]
    [InlineData(Roles.Viewer, true)]
    [InlineData(Roles.Operator, false)]
    public void ClusterPage_PodRow_HasAnAnalyzeButtonForThatPodEnabledByRole(string role, bool disabled)
    {
        AuthorizeAs(role);
        Services.AddSingleton(ClusterFixtures.State(
            ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true),
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana")));

        var page = Render<ClusterPage>();

        var button = page.Find("tr[data-pod='grafana/grafana-1'] [data-testid=analyze]");
        Assert.Equal("pod:grafana/grafana-1", button.GetAttribute("data-subject"));
        Assert.Equal("Analyze pod grafana/grafana-1", button.GetAttribute("aria-label"));
        Assert.Equal(disabled, button.HasAttribute("disabled"));
        Assert.Equal(disabled ? AnalysisRun.NeedsOperator : AnalysisRun.HintFor(AnalysisSubjectKind.Pod), button.GetAttribute("title"));
    }

    [Fact]
    public void ClusterPage_SamePodInTwoCircuits_SharesTheRowMarkup()
    {
        var pod = ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana");

        Assert.Same(PodRowMarkup.Of(pod), PodRowMarkup.Of(pod));
        Assert.Contains("<td>grafana-1 <span class=\"mud-text-secondary\">grafana</span></td>", PodRowMarkup.Of(pod).Cells.Value);
        Assert.NotSame(PodRowMarkup.Of(pod), PodRowMarkup.Of(pod with { ResourceVersion = "2" }));
    }

    [Fact]
    public void ClusterPage_SubjectClickOnAPodOfTheCard_RunsTheAnalysisWithTheRoleCheck()
    {
        AuthorizeAs(Roles.Viewer);
        Services.AddSingleton(ClusterFixtures.State(
            ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true),
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana")));
        var page = Render<ClusterPage>();

        page.Find("[data-node=mac-m2] [data-testid=node-pods] tbody").TriggerEvent("onsubjectclick", new SubjectClickEventArgs { Subject = "pod:grafana/grafana-1" });

        Assert.Equal("Analyses need the operator role.", page.Find("[data-testid=analyze-error]").TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pod:grafana/not-on-this-node")]
    public void ClusterPage_SubjectClickWithoutAPodOfTheCard_DoesNothing(string? subject)
    {
        AuthorizeAs(Roles.Viewer);
        Services.AddSingleton(ClusterFixtures.State(
            ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true),
            ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana")));
        var page = Render<ClusterPage>();

        page.Find("[data-node=mac-m2] [data-testid=node-pods] tbody").TriggerEvent("onsubjectclick", new SubjectClickEventArgs { Subject = subject });

        Assert.Empty(page.FindAll("[data-testid=analyze-error]"));
    }

    [Fact]
    public void PodRowMarkup_AnalyzeCell_IsOneSharedStringPerVariant()
    {
        var markup = PodRowMarkup.Of(ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana"));

        var enabled = markup.AnalyzeCell(allowed: true, running: false, "hint", "forbidden");
        var busy = markup.AnalyzeCell(allowed: true, running: true, "hint", "forbidden");
        var forbidden = markup.AnalyzeCell(allowed: false, running: false, "hint", "forbidden");

        Assert.Same(enabled.Value, markup.AnalyzeCell(allowed: true, running: false, "hint", "forbidden").Value);
        Assert.DoesNotContain(" disabled", enabled.Value);
        Assert.Contains("title=\"hint\"", enabled.Value);
        Assert.Contains(" disabled", busy.Value);
        Assert.Contains("title=\"hint\"", busy.Value);
        Assert.Contains(" disabled", forbidden.Value);
        Assert.Contains("title=\"forbidden\"", forbidden.Value);
        Assert.Contains("data-subject=\"pod:grafana/grafana-1\"", forbidden.Value);
    }
}
