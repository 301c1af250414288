using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Core.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    internal const string HttpClientName = "connections";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The outside systems, each with a check the Connections card shows.</summary>
    public static IServiceCollection AddConnectionChecks(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        services.AddValidatedOptions<ManifestsOptions, ManifestsOptionsValidator>(ManifestsOptions.Section);
        services.AddValidatedOptions<GitHubOptions, GitHubOptionsValidator>(GitHubOptions.Section);
        services.AddValidatedOptions<PrometheusOptions, PrometheusOptionsValidator>(PrometheusOptions.Section);
        services.AddValidatedOptions<LlmOptions, LlmOptionsValidator>(LlmOptions.Section);
        services.AddHttpClient(HttpClientName, c => c.Timeout = CheckTimeout);
        services.TryAddSingleton<ConnectionsService>();
        string[] tags = [HealthTags.Connection];
        services.AddHealthChecks()
            .AddCheck<KubernetesConnectionCheck>("Kubernetes", tags: tags, timeout: CheckTimeout)
            .AddCheck<ManifestsConnectionCheck>("Manifests repository", tags: tags, timeout: CheckTimeout)
            .AddCheck<GitHubConnectionCheck>("GitHub", tags: tags, timeout: CheckTimeout)
            .AddCheck<PrometheusConnectionCheck>("Prometheus", tags: tags, timeout: CheckTimeout)
            .AddCheck<LlmConnectionCheck>("LLM", tags: tags, timeout: CheckTimeout);
        return services;
    }
}
