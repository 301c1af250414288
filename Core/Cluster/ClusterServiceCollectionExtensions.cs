using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster.Diff;
using MlOpsDashboard.Core.Cluster.Kubernetes;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Core.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// The live cluster: KubernetesClientConfiguration and IKubernetes as separate singletons, one
    /// shared <see cref="ClusterState"/>, the watchers that fill it, and the Argo CD application actions.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ClientConfiguration(sp.GetRequiredService<IOptions<ClusterOptions>>().Value));
        services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(sp.GetRequiredService<KubernetesClientConfiguration>()));
        services.TryAddSingleton<ClusterState>();
        services.TryAddSingleton<ApplicationCatalog>();
        services.TryAddSingleton(sp => new LiveObjectReader(() => sp.GetRequiredService<IKubernetes>()));
        services.TryAddSingleton<ApplicationDiffService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClusterWatchService>());
        services.AddApplications();
        return services;
    }

    /// <summary>Throws while the kubeconfig is missing (the sandbox writes it at start); callers retry.</summary>
    public static KubernetesClientConfiguration ClientConfiguration(ClusterOptions cluster)
    {
        if (cluster.ModeKind == ClusterMode.None)
        {
            throw new InvalidOperationException("No cluster configured: set Cluster:Mode to Sandbox or Kubernetes.");
        }
        return KubernetesClientConfiguration.IsInCluster() && cluster.Kubeconfig.Length == 0
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig.Length > 0 ? cluster.Kubeconfig : null, cluster.Context.Length > 0 ? cluster.Context : null);
    }
}
