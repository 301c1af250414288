using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Core.Connections;

internal sealed class KubernetesConnectionCheck(IOptions<ClusterOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cluster = options.Value;
        if (cluster.ModeKind == ClusterMode.None)
        {
            return ConnectionResults.NotConfigured("Set Cluster:Mode=Kubernetes, with Cluster:Kubeconfig (and Cluster:Context) or the in-cluster service account.");
        }
        try
        {
            var config = KubernetesClientConfiguration.IsInCluster() && cluster.Kubeconfig.Length == 0
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig.Length > 0 ? cluster.Kubeconfig : null, cluster.Context.Length > 0 ? cluster.Context : null);
            using var client = new Kubernetes(config);
            var version = await client.Version.GetCodeAsync(cancellationToken);
            return ConnectionResults.Connected(cluster.ModeKind == ClusterMode.Sandbox
                ? $"Simulated sandbox cluster (not a real K3s): Kubernetes {version.GitVersion} at {config.Host}"
                : $"Kubernetes {version.GitVersion} at {config.Host}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ConnectionResults.Unreachable(e.Message, "Check Cluster:Kubeconfig and Cluster:Context, and that the API server is reachable from here.");
        }
    }
}
