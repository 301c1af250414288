using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>An Argo CD Application as its manifest in the repository declares it.</summary>
public sealed record DeliveryTarget(string Name, string Path, string? Environment)
{
    /// <summary>Overlays of one app share a parent (…/overlays/staging, …/overlays/production).</summary>
    public string Family => System.IO.Path.GetDirectoryName(Path)?.Replace('\\', '/') ?? "";
}

/// <summary>
/// Which applications can be delivered and where their manifests live, read from the Argo CD
/// Application manifests in git (the same source Argo CD itself is configured from).
/// </summary>
public static class DeliveryTargets
{
    public static IReadOnlyList<DeliveryTarget> Read(ManifestSnapshot snapshot, string applicationsPath)
    {
        var targets = new List<DeliveryTarget>();
        foreach (var file in snapshot.FilesUnder(applicationsPath).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(snapshot.ReadFile(file) ?? ""));
            }
            catch (YamlException)
            {
                continue; // Argo CD would report this file itself; it names no application we can deliver.
            }
            foreach (var document in stream.Documents)
            {
                if (document.RootNode is YamlMappingNode root && Scalar(root, "kind") == "Application"
                    && Scalar(Map(root, "metadata"), "name") is { } name
                    && Scalar(Map(Map(root, "spec"), "source"), "path") is { } path)
                {
                    targets.Add(new DeliveryTarget(name, ManifestSnapshot.Normalize(path), Scalar(Map(Map(root, "metadata"), "labels"), "environment")));
                }
            }
        }
        return [.. targets.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Other overlays of the same app: where a promotion into <paramref name="target"/> comes from.</summary>
    public static IReadOnlyList<DeliveryTarget> Siblings(IEnumerable<DeliveryTarget> all, DeliveryTarget target) =>
        [.. all.Where(t => t.Name != target.Name && t.Family == target.Family && t.Family.Length > 0)];

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (child as YamlScalarNode)?.Value : null;
}
