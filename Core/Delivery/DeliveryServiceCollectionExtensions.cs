using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Core.Delivery.PullRequests;
using MlOpsDashboard.Core.Delivery.Rollback;
using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Promote, rollback and the audit log, writing to the manifests repository.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddValidatedOptions<ManifestsOptions, ManifestsOptionsValidator>(ManifestsOptions.Section);
        services.AddValidatedOptions<GitHubOptions, GitHubOptionsValidator>(GitHubOptions.Section);
        services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ManifestRepository>();
        services.TryAddSingleton<ArgoApplicationReader>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<IPullRequestOpener, GitHubPullRequestOpener>();
        services.TryAddSingleton<DeliveryExecutor>();
        services.TryAddSingleton<PromotionService>();
        services.TryAddSingleton<RollbackService>();
        return services;
    }
}
