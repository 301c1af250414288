using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Operations;

namespace MlOpsDashboard.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<DataOptions, DataOptionsValidator>(DataOptions.Section);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StartupWork>();
        services.TryAddSingleton<IDbContextFactory<DashboardDbContext>, DashboardDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("Database", tags: [HealthTags.Ready, HealthTags.Connection], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<StartupWorkHealthCheck>("Start-up work", tags: [HealthTags.Ready]);
        return services;
    }
}
