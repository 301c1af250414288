using System.Text.Json;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;

namespace MlOpsDashboard.Core.Delivery;

public sealed record ArgoDeployment(long Id, string Revision, DateTimeOffset? DeployedAt);

/// <summary>What Argo CD reports about one Application: sync, health and its deployment history.</summary>
public sealed record ArgoApplicationState(string Name, string SyncStatus, string? SyncRevision, string HealthStatus, string? OperationPhase, IReadOnlyList<ArgoDeployment> History);

/// <summary>
/// Reads Argo CD Application objects through the Kubernetes API (the sandbox serves the same
/// API), for deployment history and for following a change until it is synced and healthy.
/// </summary>
public sealed class ArgoApplicationReader(IOptions<ClusterOptions> options) : IDisposable
{
    public const string ArgoNamespace = "argocd";
    private readonly Lock _lock = new();
    private Kubernetes? _client;

    public bool IsConfigured => options.Value.ModeKind != ClusterMode.None;

    /// <summary>Null when there is no cluster or no such Application.</summary>
    public async Task<ArgoApplicationState?> GetAsync(string application, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            return null;
        }
        try
        {
            var found = await Client().CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                "argoproj.io", "v1alpha1", ArgoNamespace, "applications", application, cancellationToken);
            return Parse(application, found);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    internal static ArgoApplicationState Parse(string name, JsonElement app)
    {
        var status = app.TryGetProperty("status", out var s) ? s : default;
        string? Text(JsonElement e, params string[] path)
        {
            foreach (var p in path)
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                {
                    return null;
                }
            }
            return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        var history = new List<ArgoDeployment>();
        if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("history", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                var id = entry.TryGetProperty("id", out var i) && i.TryGetInt64(out var n) ? n : history.Count;
                var deployedAt = DateTimeOffset.TryParse(Text(entry, "deployedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
                if (Text(entry, "revision") is { } revision)
                {
                    history.Add(new ArgoDeployment(id, revision, deployedAt));
                }
            }
        }
        return new ArgoApplicationState(name, Text(status, "sync", "status") ?? "Unknown", Text(status, "sync", "revision"),
            Text(status, "health", "status") ?? "Unknown", Text(status, "operationState", "phase"), history);
    }

    private Kubernetes Client()
    {
        lock (_lock)
        {
            // Built on first use: the sandbox writes its kubeconfig only once it has started.
            return _client ??= new Kubernetes(Configuration(options.Value));
        }
    }

    private static KubernetesClientConfiguration Configuration(ClusterOptions cluster) =>
        cluster.Kubeconfig.Length > 0
            ? KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig, cluster.Context.Length > 0 ? cluster.Context : null)
            : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig() : KubernetesClientConfiguration.BuildDefaultConfig();

    public void Dispose() => _client?.Dispose();
}
