using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Core.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// With Cluster:Mode=Sandbox the sandbox is just another cluster and git remote: its kubeconfig
    /// and repository fill in Cluster:Kubeconfig and Manifests:Repository when those are empty,
    /// and everything else goes through the same adapters as a real platform.
    /// </summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddValidatedOptions<SandboxOptions, SandboxOptionsValidator>(SandboxOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxScenarios>();
        services.TryAddSingleton<StartupWork>();
        services.TryAddSingleton<SandboxPlatform>();
        services.AddSingleton<IHostedService, SandboxHost>();
        services.AddOptions<ClusterOptions>().PostConfigure<IOptions<DataOptions>>((cluster, data) =>
        {
            if (cluster.IsSandbox && cluster.Kubeconfig.Length == 0)
            {
                cluster.Kubeconfig = Path.Combine(data.Value.ResolvedDirectory, "sandbox", "kubeconfig");
            }
        });
        services.AddOptions<ManifestsOptions>().PostConfigure<IOptions<ClusterOptions>, IOptions<DataOptions>>((manifests, cluster, data) =>
        {
            if (cluster.Value.IsSandbox && manifests.Repository.Length == 0)
            {
                manifests.Repository = Path.Combine(data.Value.ResolvedDirectory, "sandbox", "manifests.git");
            }
        });
        return services;
    }

    /// <summary>Runs the sandbox only when it is the configured cluster.</summary>
    private sealed class SandboxHost(SandboxPlatform platform, IOptions<ClusterOptions> cluster, StartupWork startupWork, ILogger<SandboxPlatform> logger) : IHostedService
    {
        private const string WorkName = "Sandbox platform";

        private bool Enabled => cluster.Value.IsSandbox;

        /// <summary>A sandbox that cannot start must not take the console down with it: /readyz and the Connections card say why.</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!Enabled)
            {
                return;
            }
            startupWork.Running(WorkName, "starting");
            try
            {
                await platform.StartAsync(cancellationToken);
                startupWork.Completed(WorkName, "simulated K3s + Argo CD running");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The sandbox platform failed to start");
                startupWork.Failed(WorkName, e.Message);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Enabled ? platform.StopAsync(cancellationToken) : Task.CompletedTask;
    }
}
