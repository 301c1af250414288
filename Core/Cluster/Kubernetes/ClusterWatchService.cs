using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Core.Cluster.Kubernetes;

/// <summary>
/// Runs one list-watch per kind for the whole process (never one per page or user). With
/// Cluster:Mode=None nothing runs. The client is resolved on each attempt: in sandbox mode the
/// kubeconfig appears only once the sandbox has started.
/// </summary>
public sealed class ClusterWatchService(IServiceProvider services, ClusterState state, IOptions<ClusterOptions> options, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ModeKind == ClusterMode.None)
        {
            return Task.CompletedTask;
        }
        var settings = new WatchSettings(TimeSpan.FromSeconds(options.Value.WatchIdleTimeoutSeconds));
        var logger = loggers.CreateLogger<ClusterWatchService>();
        IKubernetes Client() => services.GetRequiredService<IKubernetes>();
        return Task.WhenAll(
            new ResourceWatcher<k8s.Models.V1Node, k8s.Models.V1NodeList>(WatchedKinds.Nodes, Client, state, settings, clock, logger).RunAsync(stoppingToken),
            new ResourceWatcher<k8s.Models.V1Pod, k8s.Models.V1PodList>(WatchedKinds.Pods, Client, state, settings, clock, logger).RunAsync(stoppingToken),
            new ResourceWatcher<k8s.Models.Corev1Event, k8s.Models.Corev1EventList>(WatchedKinds.Events, Client, state, settings, clock, logger).RunAsync(stoppingToken),
            new ResourceWatcher<System.Text.Json.JsonElement, object>(WatchedKinds.Applications, Client, state, settings, clock, logger).RunAsync(stoppingToken));
    }
}
