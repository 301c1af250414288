using System.Text.Json.Nodes;
using Bunit;
using MlOpsDashboard.Core.Cluster.Diff;
using MlOpsDashboard.Core.Delivery.Applications;
using MlOpsDashboard.Dashboard.Components.Pages.Applications;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

public sealed class ResourceDiffListTests : BunitTestContext
{
    private static readonly ApplicationResource Deployment = new("apps", "Deployment", "grafana", "grafana", ArgoApplication.OutOfSync, 4, "Healthy", null);

    [Fact]
    public void ResourceDiffList_ChangedDeployment_ShowsRemovedLiveAndAddedGitLines()
    {
        var git = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"grafana","namespace":"grafana"},"spec":{"replicas":1}}""")!.AsObject();
        var live = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"grafana","namespace":"grafana","uid":"1"},"spec":{"replicas":3},"status":{"replicas":3}}""")!.AsObject();
        var text = UnifiedDiff.Create(ManifestYamlWriter.Write(ManifestNormalizer.Live(live, git)), ManifestYamlWriter.Write(ManifestNormalizer.Desired(git)), "live Deployment/grafana", "git Deployment/grafana @ abc1234");

        var list = Render<ResourceDiffList>(p => p.Add(c => c.Diff, new ApplicationDiff("abc1234", [new ResourceDiff(Deployment, ResourceDiffState.Changed, text)])));

        var item = list.Find("[data-testid=resource-diff]");
        Assert.Equal("Deployment/grafana", item.GetAttribute("data-resource"));
        Assert.Contains("changed in the cluster", item.TextContent);
        var lines = list.FindAll("[data-testid=diff] span").Select(s => s.TextContent.TrimEnd('\n')).ToList();
        Assert.Contains("-  replicas: 3", lines);
        Assert.Contains("+  replicas: 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("uid", StringComparison.Ordinal) || l.Contains("status", StringComparison.Ordinal));
    }

    [Fact]
    public void ResourceDiffList_Secret_ShowsNoContent()
    {
        var secret = Deployment with { Group = "", Kind = "Secret", Name = "grafana-admin" };

        var list = Render<ResourceDiffList>(p => p.Add(c => c.Diff, new ApplicationDiff("abc1234", [new ResourceDiff(secret, ResourceDiffState.Hidden, "", "Secrets are never shown; compare them where they are managed.")])));

        Assert.Contains("secret, not shown", list.Markup);
        Assert.Empty(list.FindAll("[data-testid=diff]"));
    }

    [Fact]
    public void ResourceDiffList_RenderFailed_ShowsTheReason()
    {
        var list = Render<ResourceDiffList>(p => p.Add(c => c.Diff, ApplicationDiff.Failed("Revision 0000000 is not in the manifests repository.")));

        Assert.Equal("Revision 0000000 is not in the manifests repository.", list.Find("[data-testid=diff-error]").TextContent.Trim());
    }
}
