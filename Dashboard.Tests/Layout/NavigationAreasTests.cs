using Bunit;
using MlOpsDashboard.Dashboard.Components.Layout;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

public sealed class NavigationAreasTests : BunitTestContext
{
    [Fact]
    public void All_ListsTheElevenAreasInMenuOrder() =>
        Assert.Equal(
            ["Overview", "Applications", "Cluster", "Models", "Predictions", "What-if", "Drift", "Pipelines", "Analyses", "Audit", "Settings"],
            NavigationAreas.All.Select(a => a.Title));

    [Fact]
    public void Available_OnlyAreasWhosePageExists()
    {
        var routed = NavigationAreas.All
            .Where(a => typeof(NavigationAreas).Assembly.GetTypes()
                .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false))
                .Cast<Microsoft.AspNetCore.Components.RouteAttribute>()
                .Any(r => "/" + r.Template.Trim('/') == a.Href))
            .Select(a => a.Title);

        Assert.Equal(routed, NavigationAreas.Available.Select(a => a.Title));
        Assert.Contains("Overview", NavigationAreas.Available.Select(a => a.Title));
    }

    [Fact]
    public void NavMenu_Renders_OneLinkPerAvailableArea()
    {
        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(NavigationAreas.Available.Select(a => a.Href), links);
    }
}
