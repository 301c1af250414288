namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>Manifests in a folder on disk; paths are relative to <see cref="Root"/>.</summary>
public sealed class FileSystemManifestSource : IManifestSource
{
    public FileSystemManifestSource(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public ManifestEntryKind GetEntryKind(string path)
    {
        var full = ToFullPath(path);
        if (File.Exists(full))
        {
            return ManifestEntryKind.File;
        }
        return Directory.Exists(full) ? ManifestEntryKind.Directory : ManifestEntryKind.None;
    }

    public byte[] ReadFile(string path)
    {
        var full = ToFullPath(path);
        if (!File.Exists(full))
        {
            throw new KustomizeException("no such file", ManifestPath.Normalize(path));
        }
        return File.ReadAllBytes(full);
    }

    private string ToFullPath(string path)
    {
        var normalized = ManifestPath.Normalize(path);
        return normalized.Length == 0 ? Root : Path.Combine(Root, normalized.Replace('/', Path.DirectorySeparatorChar));
    }
}
