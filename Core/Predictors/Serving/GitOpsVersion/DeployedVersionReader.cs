using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;

/// <summary>What reading the deployed version found: the version, or why there is none.</summary>
public sealed record DeployedVersionReading(DeployedModelVersion? Version, string Explanation);

public interface IDeployedVersionReader
{
    Task<DeployedVersionReading> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Reads MODEL_VERSION from the live model-serving Deployment: a literal env value, or the
/// ConfigMap its containers load with envFrom (kustomize's generated, hash-suffixed
/// <c>model-serving-config-…</c>). What runs in the cluster is what Argo CD synced from git, so
/// this follows GitOps, including a promotion or rollback commit once it is synced.
/// </summary>
public sealed class KubernetesDeployedVersionReader(IOptions<ClusterOptions> cluster, IOptions<ManifestsOptions> manifests, IOptions<PredictionApiOptions> options) : IDeployedVersionReader, IDisposable
{
    private readonly Lock _gate = new();
    private Kubernetes? _client;

    public async Task<DeployedVersionReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (cluster.Value.ModeKind == ClusterMode.None)
        {
            return new(null, "no cluster is configured (Cluster:Mode=None)");
        }
        var serving = options.Value.Serving;
        try
        {
            var client = Client();
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(serving.Deployment, serving.Namespace, cancellationToken: cancellationToken);
            var where = $"Deployment {serving.Namespace}/{serving.Deployment}";
            foreach (var container in deployment.Spec.Template.Spec.Containers ?? [])
            {
                var literal = container.Env?.FirstOrDefault(e => e.Name == DeployedModelVersion.VariableName && e.Value is not null);
                if (literal is not null)
                {
                    return Found(literal.Value, $"{where}, container {container.Name} env");
                }
                foreach (var source in container.EnvFrom ?? [])
                {
                    if (source.ConfigMapRef?.Name is not { } mapName)
                    {
                        continue;
                    }
                    var map = await ReadConfigMapAsync(client, mapName, serving.Namespace, cancellationToken);
                    if (map?.Data?.TryGetValue(DeployedModelVersion.VariableName, out var value) == true)
                    {
                        return Found(value, $"ConfigMap {serving.Namespace}/{mapName} of {where}");
                    }
                }
            }
            // The ConfigMap is not readable here: fall back to git at the revision Argo CD synced.
            return await SyncedManifestVersion.ReadAsync(client, serving.ArgoNamespace, serving.Application, manifests.Value, cancellationToken)
                ?? new(null, $"{where} sets no {DeployedModelVersion.VariableName} that can be read");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new(null, $"no Deployment {serving.Namespace}/{serving.Deployment} in the cluster");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Reset();
            return new(null, $"the cluster could not be read ({e.Message})");
        }
    }

    private static DeployedVersionReading Found(string raw, string origin)
    {
        var version = new DeployedModelVersion(raw, origin);
        return version.IsReadable
            ? new(version, $"{DeployedModelVersion.VariableName}={raw} from {origin}")
            : new(null, $"{DeployedModelVersion.VariableName}='{raw}' in {origin} is neither a version number nor predictor/vN names");
    }

    private static async Task<V1ConfigMap?> ReadConfigMapAsync(Kubernetes client, string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Created on first use: the sandbox writes its kubeconfig only once it has started.</summary>
    private Kubernetes Client()
    {
        lock (_gate)
        {
            if (_client is null)
            {
                var settings = cluster.Value;
                var config = KubernetesClientConfiguration.IsInCluster() && settings.Kubeconfig.Length == 0
                    ? KubernetesClientConfiguration.InClusterConfig()
                    : KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig.Length > 0 ? settings.Kubeconfig : null, settings.Context.Length > 0 ? settings.Context : null);
                _client = new Kubernetes(config);
            }
            return _client;
        }
    }

    private void Reset()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
        }
    }

    public void Dispose() => Reset();
}
