using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Delivery.Applications;

public static class ApplicationsServiceCollectionExtensions
{
    /// <summary>Argo CD application actions and the commit reader; the applications themselves come from <see cref="ClusterState"/>.</summary>
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddValidatedOptions<ManifestsOptions, ManifestsOptionsValidator>(ManifestsOptions.Section);
        services.TryAddSingleton(sp => new ApplicationActions(() => sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<ClusterState>()));
        services.TryAddSingleton<ManifestCommitReader>();
        return services;
    }
}
