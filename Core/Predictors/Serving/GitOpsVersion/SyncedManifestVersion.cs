using System.Text.Json;
using k8s;
using LibGit2Sharp;
using MlOpsDashboard.Core.Delivery;
using YamlDotNet.RepresentationModel;

namespace MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;

/// <summary>
/// MODEL_VERSION as git holds it at the revision Argo CD last synced for the model-serving
/// application: the <c>configMapGenerator</c> literal of the overlay's kustomization.yaml. Used
/// when the cluster does not show the generated ConfigMap itself (the sandbox's API does not
/// serve ConfigMaps; a service account may lack the right to read them).
/// </summary>
internal static class SyncedManifestVersion
{
    public static async Task<DeployedVersionReading?> ReadAsync(Kubernetes client, string argoNamespace, string application, ManifestsOptions manifests, CancellationToken cancellationToken)
    {
        if (manifests.Repository.Length == 0 || manifests.IsRemote || !Repository.IsValid(manifests.Repository))
        {
            return null;
        }
        var app = JsonSerializer.SerializeToElement(await client.CustomObjects.GetNamespacedCustomObjectAsync(
            "argoproj.io", "v1alpha1", argoNamespace, "applications", application, cancellationToken));
        if (!app.TryGetProperty("status", out var status) || !status.TryGetProperty("sync", out var sync)
            || !sync.TryGetProperty("revision", out var revisionElement) || revisionElement.GetString() is not { Length: > 0 } revision
            || !app.GetProperty("spec").GetProperty("source").TryGetProperty("path", out var pathElement))
        {
            return null;
        }
        var path = pathElement.GetString()!.Trim('/') + "/kustomization.yaml";
        using var repository = new Repository(manifests.Repository);
        if (repository.Lookup<Commit>(revision)?[path]?.Target is not Blob blob)
        {
            return null;
        }
        var value = ModelVersionLiteral(blob.GetContentText());
        var origin = $"{path} at {revision[..Math.Min(7, revision.Length)]}, synced by Argo CD application {application}";
        return value is null
            ? new DeployedVersionReading(null, $"{origin} sets no {DeployedModelVersion.VariableName}")
            : new DeployedVersionReading(new DeployedModelVersion(value, origin), $"{DeployedModelVersion.VariableName}={value} from {origin}");
    }

    /// <summary>The MODEL_VERSION=... literal of any configMapGenerator entry.</summary>
    internal static string? ModelVersionLiteral(string kustomization)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(kustomization));
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("configMapGenerator"), out var generators) || generators is not YamlSequenceNode list)
        {
            return null;
        }
        foreach (var generator in list.OfType<YamlMappingNode>())
        {
            if (generator.Children.TryGetValue(new YamlScalarNode("literals"), out var literals) && literals is YamlSequenceNode values)
            {
                foreach (var literal in values.OfType<YamlScalarNode>())
                {
                    var text = literal.Value ?? "";
                    var prefix = DeployedModelVersion.VariableName + "=";
                    if (text.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return text[prefix.Length..].Trim();
                    }
                }
            }
        }
        return null;
    }
}
