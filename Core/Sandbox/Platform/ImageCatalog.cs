namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// Which CPU architectures an image has builds for, as a registry's manifest list would say.
/// Images are multi-arch unless listed; libtorch has no linux-arm64 build, so model serving is amd64 only.
/// </summary>
public static class ImageCatalog
{
    private static readonly Dictionary<string, string[]> SingleArchitecture = new(StringComparer.Ordinal)
    {
        ["ghcr.io/example/model-serving"] = ["amd64"],
        ["ghcr.io/example/legacy-metrics-exporter"] = ["amd64"],
    };

    public static IReadOnlyList<string> ArchitecturesOf(string image)
    {
        var repository = RepositoryOf(image);
        return SingleArchitecture.TryGetValue(repository, out var arches) ? arches : ["amd64", "arm64"];
    }

    public static bool Supports(string image, string architecture) => ArchitecturesOf(image).Contains(architecture);

    public static string RepositoryOf(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSlash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > lastSlash ? withoutDigest[..colon] : withoutDigest;
    }
}
