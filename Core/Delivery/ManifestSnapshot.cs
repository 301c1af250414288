using System.Text;
using LibGit2Sharp;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>A read-only view of the manifests at one commit; valid only inside the call that received it.</summary>
public sealed class ManifestSnapshot
{
    private readonly Commit _commit;

    internal ManifestSnapshot(Repository repository, Commit commit)
    {
        Repository = repository;
        _commit = commit;
    }

    internal Repository Repository { get; }

    public string Revision => _commit.Sha;

    /// <summary>The file's text, or null when there is no file at that path.</summary>
    public string? ReadFile(string path) =>
        _commit[Normalize(path)]?.Target is Blob blob ? Decode(blob) : null;

    /// <summary>The tree object id of a folder, or null when there is no folder at that path.</summary>
    public string? TreeSha(string path) =>
        _commit[Normalize(path)]?.Target is Tree tree ? tree.Sha : null;

    /// <summary>Relative paths of every file under a folder, for reading whole overlays.</summary>
    public IReadOnlyList<string> FilesUnder(string path)
    {
        var files = new List<string>();
        if (_commit[Normalize(path)]?.Target is Tree tree)
        {
            Collect(tree, Normalize(path), files);
        }
        return files;
    }

    /// <summary>Commits after <paramref name="baseRevision"/> up to this one that touched a path, newest first.</summary>
    public IReadOnlyList<ManifestCommit> CommitsSince(string baseRevision, string path) =>
        Repository.Lookup<Commit>(baseRevision) is { } stop
            ? ManifestRepository.History(Repository, _commit, Normalize(path), 50, stop)
            : [];

    internal static string Normalize(string path) => path.Replace('\\', '/').Trim('/');

    // Strict UTF-8 round trip: the bytes we did not edit go back exactly as they were read.
    internal static string Decode(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(memory.ToArray());
    }

    private static void Collect(Tree tree, string prefix, List<string> files)
    {
        foreach (var entry in tree)
        {
            var path = $"{prefix}/{entry.Name}";
            if (entry.Target is Tree sub)
            {
                Collect(sub, path, files);
            }
            else
            {
                files.Add(path);
            }
        }
    }
}
