namespace MlOpsDashboard.Core.Delivery;

/// <summary>One change to the repository's tree, expressed against whatever commit it lands on.</summary>
public abstract record TreeEdit(string Path);

/// <summary>Writes a file with this exact text (UTF-8, no BOM added or removed).</summary>
public sealed record PutFile(string Path, string Content) : TreeEdit(Path);

/// <summary>Makes a folder exactly the given tree object (null: removes the folder).</summary>
public sealed record PutTree(string Path, string? TreeSha) : TreeEdit(Path);

/// <summary>Who asked for a change; the commit's author. The dashboard is the committer.</summary>
public sealed record CommitAuthor(string Name, string Email)
{
    public static CommitAuthor ForUser(string userName) =>
        new(userName, $"{new string([.. userName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')])}@mlops-dashboard.local");
}

/// <summary>
/// A change to commit. <see cref="Edits"/> is asked again for each attempt, on the tip the change
/// will land on, so a branch that moved is re-planned rather than overwritten; it throws
/// <see cref="DeliveryConflictException"/> when the change no longer applies there.
/// </summary>
public sealed record CommitRequest(string Message, CommitAuthor Author, Func<ManifestSnapshot, IReadOnlyList<TreeEdit>> Edits)
{
    /// <summary>Null: the configured branch. Otherwise a new branch (pull-request mode).</summary>
    public string? TargetBranch { get; init; }
}

public sealed record CommitOutcome(string? Sha, string BaseSha, int Attempts, string Diff)
{
    /// <summary>The edits changed nothing: no commit was made.</summary>
    public bool NoChange => Sha is null;
}

public sealed record ManifestCommit(string Sha, string Message, string Author, DateTimeOffset When)
{
    public string ShortSha => Sha[..7];
    public string Subject => Message.Split('\n', 2)[0];
}

/// <summary>The change cannot be made as previewed: the repository moved in a way that matters.</summary>
public sealed class DeliveryConflictException(string message, IReadOnlyList<ManifestCommit>? changedBy = null) : Exception(message)
{
    /// <summary>Commits that landed since the preview and touched the same path, newest first.</summary>
    public IReadOnlyList<ManifestCommit> ChangedBy { get; } = changedBy ?? [];
}

/// <summary>The repository could not be reached or written (network, credentials, a rejected push after every retry).</summary>
public sealed class ManifestRepositoryException(string message, Exception? inner = null) : Exception(message, inner);
