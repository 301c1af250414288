using LibGit2Sharp;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Manifests in a git tree, read blob by blob without a checkout: what Argo CD renders is the
/// tree at the synced commit, not whatever a work tree holds. The repository that owns the tree
/// must stay open while this source is used.
/// </summary>
public sealed class GitTreeManifestSource : IManifestSource
{
    // Symbolic links may chain; a cycle must end in an error, not a hang.
    private const int MaxLinkHops = 16;

    private readonly Tree _tree;

    public GitTreeManifestSource(Tree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        _tree = tree;
    }

    public static GitTreeManifestSource ForCommit(Commit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return new GitTreeManifestSource(commit.Tree);
    }

    public ManifestEntryKind GetEntryKind(string path) => Resolve(ManifestPath.Normalize(path)).Kind;

    public byte[] ReadFile(string path)
    {
        var normalized = ManifestPath.Normalize(path);
        if (Resolve(normalized).Blob is not { } blob)
        {
            throw new KustomizeException("no such file in the git tree", normalized);
        }
        using var content = blob.GetContentStream();
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return buffer.ToArray();
    }

    // Symbolic links are followed inside the tree, as a checkout would follow them on disk.
    private (ManifestEntryKind Kind, Blob? Blob) Resolve(string path)
    {
        var hops = 0;
        var pending = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = "";
        TreeEntry? entry = null;
        while (pending.Count > 0)
        {
            var candidate = resolved.Length == 0 ? pending.Dequeue() : $"{resolved}/{pending.Dequeue()}";
            entry = _tree[candidate];
            if (entry is null)
            {
                return (ManifestEntryKind.None, null);
            }
            if (entry.Mode != Mode.SymbolicLink || entry.Target is not Blob link)
            {
                resolved = candidate;
                continue;
            }
            if (++hops > MaxLinkHops)
            {
                throw new KustomizeException("too many levels of symbolic links", path);
            }
            string redirected;
            try
            {
                redirected = ManifestPath.Combine(ManifestPath.Parent(candidate), link.GetContentText().Trim());
            }
            catch (KustomizeException)
            {
                // A link out of the repository points at nothing this source can read.
                return (ManifestEntryKind.None, null);
            }
            pending = new Queue<string>(redirected.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(pending));
            resolved = "";
            entry = null;
        }
        return entry switch
        {
            null => (ManifestEntryKind.Directory, null),
            { TargetType: TreeEntryTargetType.Tree } => (ManifestEntryKind.Directory, null),
            { Target: Blob blob } => (ManifestEntryKind.File, blob),
            _ => (ManifestEntryKind.None, null),
        };
    }
}
