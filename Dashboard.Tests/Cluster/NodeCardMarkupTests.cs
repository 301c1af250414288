using System.Collections.Immutable;
using Bunit;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Cluster.Placement;
using MlOpsDashboard.Dashboard.Components.Pages.Cluster;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class NodeCardMarkupTests : BunitTestContext
{
    private const string Script = "<script>alert(1)</script>";
    private const string AttributeBreak = "\" onmouseover=\"alert(2)";

    [Fact]
    public void ClusterPage_HostileLabelsTaintsAndConditions_ShowsThemAsTextOnly()
    {
        var node = ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true) with
        {
            Roles = ["control-plane", Script],
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("team" + AttributeBreak, "<img src=x onerror=alert(3)>"),
                KeyValuePair.Create("kubernetes.io/arch", "arm64 & more"),
            ]),
            Taints = [new NodeTaint("dedicated", "<b>gpu</b>", "NoSchedule")],
            Conditions = [new NodeCondition("Ready", "True", "KubeletReady" + AttributeBreak, Script), new NodeCondition("Disk<Pressure>", "False", null, "ok")],
        };
        Services.AddSingleton(ClusterFixtures.State(node));

        var card = Render<ClusterPage>().Find("[data-testid=node-card][data-node=mac-m2]");

        Assert.Empty(card.QuerySelectorAll("script, img, b"));
        Assert.DoesNotContain(card.QuerySelectorAll("*"), e => e.HasAttribute("onmouseover") || e.HasAttribute("onerror"));
        var chips = card.QuerySelectorAll(".mud-chip-content").Select(c => c.TextContent).ToList();
        Assert.Contains(Script, chips);
        Assert.Contains("team" + AttributeBreak + "=<img src=x onerror=alert(3)>", chips);
        Assert.Contains("kubernetes.io/arch=arm64 & more", chips);
        Assert.Contains("dedicated=<b>gpu</b>:NoSchedule", chips);
        Assert.Contains("Disk<Pressure>=False", chips);
        var ready = card.QuerySelector("[data-condition=Ready]")!;
        Assert.Equal("KubeletReady" + AttributeBreak + ": " + Script, ready.GetAttribute("title"));
        Assert.Contains("mud-chip-color-success", ready.ClassName);
        Assert.NotNull(card.QuerySelector("[data-condition='Disk<Pressure>']"));
        Assert.Equal("Labels (2)", card.QuerySelector("details summary")!.TextContent);
    }

    [Fact]
    public void ClusterPage_NodeCard_ShowsHeadingOsLineUsageConditionsAndTaints()
    {
        var worker = ClusterFixtures.Node("wsl-worker", "amd64", controlPlane: false, ready: false, memoryPressure: true);
        Services.AddSingleton(ClusterFixtures.State(worker, ClusterFixtures.Pod("model-serving", "model-serving-1", "wsl-worker", cpu: 2, memoryGi: 3)));

        var card = Render<ClusterPage>().Find("[data-testid=node-card][data-node=wsl-worker]");

        Assert.Equal("wsl-worker", card.QuerySelector("h2")!.TextContent);
        Assert.Equal("amd64", card.QuerySelector("[data-testid=node-arch]")!.TextContent);
        Assert.Equal("NotReady", card.QuerySelector("[data-testid=node-ready]")!.TextContent);
        Assert.Contains("mud-chip-color-error", card.QuerySelector("[data-testid=node-ready]")!.ClassName);
        Assert.Contains("linux/amd64 · Ubuntu 24.04.1 LTS · K3s v1.31.4+k3s1", card.TextContent);
        Assert.Contains("mud-chip-color-error", card.QuerySelector("[data-condition=MemoryPressure]")!.ClassName);
        Assert.Equal(["CPU", "Memory"], card.QuerySelectorAll("[data-testid=usage-bar]").Select(b => b.GetAttribute("data-resource")));
        Assert.Contains($"requested {PlacementChecks.Cpu(2)}", card.QuerySelector("[data-resource=CPU]")!.TextContent);
        Assert.Contains("none", card.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.Equal(["worker"], card.QuerySelectorAll(".mud-chip-outlined .mud-chip-content").Select(c => c.TextContent));
    }

    [Fact]
    public void NodeCardMarkup_SameNodeVersion_OneSharedTextPerPart()
    {
        var node = ClusterFixtures.Node("mac-m2", "arm64", controlPlane: true);
        var markup = NodeCardMarkup.Of(node);

        Assert.Same(markup, NodeCardMarkup.Of(node));
        Assert.Same(markup.OsLineAndUsage(1.5m, 2m).Value, markup.OsLineAndUsage(1.5m, 2m).Value);
        Assert.NotSame(markup.OsLineAndUsage(1.5m, 2m).Value, markup.OsLineAndUsage(2.5m, 2m).Value);
        Assert.NotSame(markup, NodeCardMarkup.Of(node with { ResourceVersion = "next" }));
        Assert.Equal(markup.Details.Value, NodeCardMarkup.Of(node with { ResourceVersion = "next" }).Details.Value);
    }

    [Fact]
    public void PodRowMarkup_HostileApplicationName_HeadingRowEncodesIt()
    {
        var row = new PodRow("<script>x</script>\"", null);

        var html = PodRowMarkup.ApplicationRow(row).Value;

        Assert.Equal("<tr data-application=\"&lt;script&gt;x&lt;/script&gt;&quot;\"><td colspan=\"6\"><b>&lt;script&gt;x&lt;/script&gt;&quot;</b></td></tr>", html);
        Assert.Same(html, PodRowMarkup.ApplicationRow(row).Value);
    }

    [Fact]
    public void PodRowMarkup_Row_IsTheWholeRowInTheAnalyzeVariant()
    {
        var markup = PodRowMarkup.Of(ClusterFixtures.Pod("grafana", "grafana-1", "mac-m2", workload: "grafana"));

        var enabled = markup.Row(allowed: true, running: false, "hint", "forbidden").Value;
        var forbidden = markup.Row(allowed: false, running: false, "hint", "forbidden").Value;

        Assert.StartsWith("<tr data-pod=\"grafana/grafana-1\" data-status=\"Running\">" + markup.Cells.Value, enabled);
        Assert.EndsWith(markup.AnalyzeCell(true, false, "hint", "forbidden").Value + "</tr>", enabled);
        Assert.Contains("title=\"forbidden\"", forbidden);
        Assert.Contains(" disabled ", forbidden);
        Assert.Same(enabled, markup.Row(allowed: true, running: false, "hint", "forbidden").Value);
    }
}
