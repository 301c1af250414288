using Bunit;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Dashboard.Components.Pages.Applications;
using MlOpsDashboard.Dashboard.Tests.Cluster;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

public sealed class FilterOptionsMarkupTests : BunitTestContext
{
    [Fact]
    public void FilterOptionsMarkup_HostileValues_EncodedAfterAll()
    {
        IReadOnlyList<string> values = ["mlops", "\"><script>alert(1)</script>", "a&b"];

        var html = FilterOptionsMarkup.For(values).Value;

        Assert.Equal(
            "<option value=\"\">All</option><option value=\"mlops\">mlops</option>"
            + "<option value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</option>"
            + "<option value=\"a&amp;b\">a&amp;b</option>",
            html);
        Assert.Same(html, FilterOptionsMarkup.For(values).Value);
    }

    [Fact]
    public void ApplicationsPage_ProjectChosen_OptionsListProjectsAndFilterApplies()
    {
        var hostile = "<img src=x onerror=alert(1)>";
        Services.AddSingleton(ClusterFixtures.State(
            ClusterFixtures.Application("grafana", project: "platform"),
            ClusterFixtures.Application("mlflow", project: hostile),
            ClusterFixtures.Application("model-serving-production", project: "platform")));
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();

        var select = page.Find("[data-testid=filter-project]");
        Assert.Equal(["", hostile, "platform"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["All", hostile, "platform"], select.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Empty(page.FindAll("img"));

        select.Change(hostile);

        Assert.Equal("1 of 3", page.Find("[data-testid=application-count]").TextContent.Trim());
        Assert.Equal(["All", "Synced"], page.Find("[data-testid=filter-sync]").QuerySelectorAll("option").Select(o => o.TextContent));
    }
}
