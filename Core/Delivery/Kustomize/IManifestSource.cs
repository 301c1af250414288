namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>What a repository-relative path names in an <see cref="IManifestSource"/>.</summary>
public enum ManifestEntryKind
{
    None,
    File,
    Directory,
}

/// <summary>
/// A read-only directory tree holding manifests: a folder on disk, or a git tree at a commit (what
/// Argo CD renders). Paths are repository-relative with '/' separators; "" is the root.
/// </summary>
public interface IManifestSource
{
    ManifestEntryKind GetEntryKind(string path);

    /// <summary>The bytes of the file at <paramref name="path"/>; throws <see cref="KustomizeException"/> if there is none.</summary>
    byte[] ReadFile(string path);
}
