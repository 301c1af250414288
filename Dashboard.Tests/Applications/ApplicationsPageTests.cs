using Bunit;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Dashboard.Components.Pages.Applications;
using MlOpsDashboard.Dashboard.Tests.Cluster;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

public sealed class ApplicationsPageTests : BunitTestContext
{
    [Fact]
    public void ApplicationsPage_MixedStates_SummarisesWhatNeedsAttention()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("grafana"),
            ClusterFixtures.Application("model-serving-production", health: "Degraded"),
            ClusterFixtures.Application("mlflow", sync: "OutOfSync"));
        Services.AddSingleton(state);
        Services.AddSingleton<ApplicationCatalog>();

        var page = Render<ApplicationsPage>();

        Assert.Equal("3 of 3", page.Find("[data-testid=application-count]").TextContent.Trim());
        Assert.Contains("2 need attention", page.Find("[data-testid=attention-summary]").TextContent);
        Assert.Equal(["OutOfSync", "Degraded"], page.FindAll("[data-attention]").Select(c => c.GetAttribute("data-attention")));
    }

    [Fact]
    public void ApplicationsPage_AttentionChipClicked_FiltersToThoseApplications()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("grafana"),
            ClusterFixtures.Application("model-serving-production", health: "Degraded"));
        Services.AddSingleton(state);
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();

        page.Find("[data-attention=Degraded]").Click();

        Assert.Equal("1 of 2", page.Find("[data-testid=application-count]").TextContent.Trim());
    }

    [Fact]
    public void ApplicationsPage_ApplicationTurnsDegraded_SummaryUpdatesLive()
    {
        var state = ClusterFixtures.State(ClusterFixtures.Application("grafana"));
        Services.AddSingleton(state);
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();
        Assert.NotNull(page.Find("[data-testid=attention-none]"));

        state.Apply(ClusterKind.Applications, ClusterChangeType.Modified, ClusterFixtures.Application("grafana", health: "Degraded"));

        page.WaitForAssertion(() => Assert.Contains("1 need attention", page.Find("[data-testid=attention-summary]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ApplicationsPage_HealthFilterChosenThenCleared_RowsFollow()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("grafana"),
            ClusterFixtures.Application("mlflow"),
            ClusterFixtures.Application("model-serving-production", health: "Degraded"));
        Services.AddSingleton(state);
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();

        page.Find("select[data-testid=filter-health]").Change("Degraded");

        Assert.Equal("1 of 3", page.Find("[data-testid=application-count]").TextContent.Trim());
        page.Find("select[data-testid=filter-health]").Change("");
        Assert.Equal("3 of 3", page.Find("[data-testid=application-count]").TextContent.Trim());
    }

    [Fact]
    public void ApplicationsPage_SortByHealthTwice_DescendingThenAscending()
    {
        var state = ClusterFixtures.State(
            ClusterFixtures.Application("a-app", health: "Degraded"),
            ClusterFixtures.Application("b-app"));
        Services.AddSingleton(state);
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();
        var table = page.FindComponent<ApplicationsTable>();

        page.Find("button[data-sort=Health]").Click();
        Assert.Equal(["a-app", "b-app"], table.Instance.Rows.Select(a => a.Name));
        page.Find("button[data-sort=Health]").Click();

        Assert.Equal(["b-app", "a-app"], table.Instance.Rows.Select(a => a.Name));
        Assert.Equal("descending", page.Find("th[aria-sort]").GetAttribute("aria-sort"));
    }

    [Fact]
    public void ApplicationFilter_LabelAndText_MatchOnlyThoseApplications()
    {
        var apps = new[] { ClusterFixtures.Application("grafana"), ClusterFixtures.Application("model-serving-production"), ClusterFixtures.Application("model-serving-staging", ns: "model-serving-staging") };

        var filter = new ApplicationFilter { Label = "team=ml", Text = "staging" };

        Assert.Equal(["model-serving-staging"], apps.Where(filter.Matches).Select(a => a.Name));
    }

    [Fact]
    public void ApplicationsPage_TextTyped_FiltersOnceTypingPauses()
    {
        Services.AddSingleton(ClusterFixtures.State(
            ClusterFixtures.Application("grafana"),
            ClusterFixtures.Application("mlflow")));
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();

        page.Find("input[data-testid=filter-text]").Input("graf");

        Assert.Equal("2 of 2", page.Find("[data-testid=application-count]").TextContent.Trim());
        page.WaitForAssertion(() => Assert.Equal("1 of 2", page.Find("[data-testid=application-count]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        page.Find("input[data-testid=filter-label]").Input("no-such=label");
        page.WaitForAssertion(() => Assert.Equal("0 of 2", page.Find("[data-testid=application-count]").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ApplicationsPage_TilesPressed_ShowsTilesAndMarksTheButtonPressed()
    {
        Services.AddSingleton(ClusterFixtures.State(ClusterFixtures.Application("grafana")));
        Services.AddSingleton<ApplicationCatalog>();
        var page = Render<ApplicationsPage>();

        page.Find("button[data-view=tiles]").Click();

        Assert.NotNull(page.Find("[data-testid=applications-tiles]"));
        Assert.Equal("true", page.Find("button[data-view=tiles]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("button[data-view=table]").GetAttribute("aria-pressed"));
    }
}
