using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;

namespace MlOpsDashboard.Core.Drift;

public static class DriftServiceCollectionExtensions
{
    /// <summary>
    /// Drift monitoring and investigation. The served values come from <see cref="IServedFeatureSource"/>
    /// (an in-process buffer unless the prediction log registers its own first); profiles from the
    /// database through <see cref="IReferenceProfileStore"/>.
    /// </summary>
    public static IServiceCollection AddDrift(this IServiceCollection services)
    {
        services.AddValidatedOptions<DriftOptions, DriftOptionsValidator>(DriftOptions.Section);
        services.AddValidatedOptions<ManifestsOptions, ManifestsOptionsValidator>(ManifestsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryServedFeatureSource>();
        services.TryAddSingleton<IServedFeatureSource>(sp => sp.GetRequiredService<InMemoryServedFeatureSource>());
        services.AddDriftReferenceProfiles();
        services.TryAddSingleton<IDeployMarkerSource, ManifestDeployMarkerSource>();
        services.TryAddSingleton<DriftHistory>();
        services.TryAddSingleton<DriftMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DriftMonitor>(sp => sp.GetRequiredService<DriftMonitor>()));
        return services;
    }

    /// <summary>Where model versions' reference profiles live; training writes them even where no monitor runs (the CLI).</summary>
    public static IServiceCollection AddDriftReferenceProfiles(this IServiceCollection services)
    {
        services.TryAddSingleton<IReferenceProfileStore, ReferenceProfileStore>();
        return services;
    }
}
