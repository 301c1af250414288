using MlOpsDashboard.Dashboard.Components;
using MudBlazor.Services;

namespace MlOpsDashboard.Dashboard.Hosting;

public static class DashboardUi
{
    public static IServiceCollection AddDashboardUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
