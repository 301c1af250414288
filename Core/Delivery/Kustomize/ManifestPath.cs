namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Repository-relative paths with '/' separators. The root is the empty string. Nothing may
/// climb above the root: both sources (a folder and a git tree) end there.
/// </summary>
public static class ManifestPath
{
    /// <summary>Normalizes <paramref name="path"/> ('.', '..', repeated or trailing '/').</summary>
    public static string Normalize(string path) => Combine("", path);

    /// <summary>Resolves <paramref name="relative"/> against the directory <paramref name="directory"/>.</summary>
    public static string Combine(string directory, string relative)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.StartsWith('/') || relative.Contains('\\') || (relative.Length > 1 && relative[1] == ':'))
        {
            throw new KustomizeException($"'{relative}' is not a relative path with '/' separators");
        }
        var parts = new List<string>();
        foreach (var segment in $"{directory}/{relative}".Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        throw new KustomizeException($"'{relative}' (from '{directory}') leaves the repository root");
                    }
                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(segment);
                    break;
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>The directory holding <paramref name="path"/> ("" for a top-level entry).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>The last segment of <paramref name="path"/>.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies below it.</summary>
    public static bool IsWithin(string path, string directory) =>
        directory.Length == 0 || path == directory || path.StartsWith(directory + "/", StringComparison.Ordinal);
}
