using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Pipelines.GitHub;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines;

public static class PipelinesServiceCollectionExtensions
{
    /// <summary>
    /// CI runs come from the sandbox's simulated runs (labelled as such) with Cluster:Mode=Sandbox,
    /// just as the cluster does; beside a real cluster from GitHub Actions when GitHub:Repository
    /// is set, and otherwise from nowhere, saying what to configure.
    /// </summary>
    public static IServiceCollection AddPipelines(this IServiceCollection services)
    {
        services.AddValidatedOptions<GitHubOptions, GitHubOptionsValidator>(GitHubOptions.Section);
        services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(ClusterOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SimulatedCiScenarios>();
        services.TryAddSingleton<SimulatedPipelineSource>();
        services.TryAddSingleton<IPipelineSource>(provider =>
        {
            var github = provider.GetRequiredService<IOptions<GitHubOptions>>();
            var cluster = provider.GetRequiredService<IOptions<ClusterOptions>>().Value;
            return cluster.IsSandbox ? provider.GetRequiredService<SimulatedPipelineSource>()
                : github.Value.Repository.Length > 0 ? new SharedRunList(new GitHubActionsSource(github, provider.GetRequiredService<TimeProvider>()), provider.GetRequiredService<TimeProvider>())
                : new NotConfiguredPipelineSource();
        });
        services.TryAddSingleton<IBuildDurationEstimator, MedianDurationEstimator>();
        services.TryAddSingleton<RunFailureReader>();
        return services;
    }
}
