using System.Reflection;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsDashboard.Dashboard.Components.Layout;

public sealed record NavigationArea(string Title, string Href, string Icon);

/// <summary>
/// The one table of the feature areas, in menu order. An area shows in the menu once a page
/// routes to its address, so a feature appears when its page lands and never as a dead link.
/// </summary>
public static class NavigationAreas
{
    public static IReadOnlyList<NavigationArea> All { get; } =
    [
        new("Overview", "/", Icons.Material.Filled.Dashboard),
        new("Applications", "/applications", Icons.Material.Filled.Apps),
        new("Cluster", "/cluster", Icons.Material.Filled.Dns),
        new("Models", "/models", Icons.Material.Filled.ModelTraining),
        new("Predictions", "/predictions", Icons.Material.Filled.Insights),
        new("What-if", "/what-if", Icons.Material.Filled.Calculate),
        new("Drift", "/drift", Icons.Material.Filled.StackedLineChart),
        new("Pipelines", "/pipelines", Icons.Material.Filled.AccountTree),
        new("Analyses", "/analyses", Icons.Material.Filled.Troubleshoot),
        new("Audit", "/audit", Icons.Material.Filled.History),
        new("Settings", "/settings", Icons.Material.Filled.Settings),
    ];

    public static IReadOnlyList<NavigationArea> Available { get; } = WithPages(typeof(NavigationAreas).Assembly);

    internal static IReadOnlyList<NavigationArea> WithPages(Assembly assembly)
    {
        var routes = assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => "/" + r.Template.Trim('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. All.Where(a => routes.Contains(a.Href))];
    }
}
