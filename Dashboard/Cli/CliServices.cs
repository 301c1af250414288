using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>
/// The app's storage and registry without the web host: same appsettings.json, environment
/// variables and data directory as the running dashboard, so what `train` registers the
/// Models page shows.
/// </summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> CreateAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        if (dataDirectory is not null)
        {
            builder.Configuration["Data:Directory"] = dataDirectory;
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddStorage().AddPredictors();
        var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return services;
    }
}
