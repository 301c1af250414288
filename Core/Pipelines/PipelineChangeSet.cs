namespace MlOpsDashboard.Core.Pipelines;

/// <summary>One commit between two runs' head commits; <see cref="Message"/> is the message's first line.</summary>
public sealed record PipelineCommit(string Sha, string Author, string Message, DateTimeOffset When)
{
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;
}

/// <summary>A file changed between two commits, with GitHub's status (added, modified, removed, renamed, ...) and line counts.</summary>
public sealed record PipelineFileChange(string Path, string Status, int Additions, int Deletions, string? PreviousPath = null);

/// <summary>
/// What changed from <see cref="BaseSha"/> to <see cref="HeadSha"/>: the commits oldest first and
/// the files they touched. A source may hold back part of a large comparison (GitHub lists at most
/// 250 commits and 300 files); <see cref="TotalCommits"/> and <see cref="FilesTruncated"/> say so,
/// so nobody reads a partial list as the whole change.
/// </summary>
public sealed record PipelineChangeSet(
    string BaseSha,
    string HeadSha,
    IReadOnlyList<PipelineCommit> Commits,
    int TotalCommits,
    IReadOnlyList<PipelineFileChange> Files,
    bool FilesTruncated,
    string? HtmlUrl = null)
{
    public bool CommitsTruncated => TotalCommits > Commits.Count;

    /// <summary>The range as GitHub writes it in a compare address: "abc1234...def5678".</summary>
    public static string Range(string baseSha, string headSha) => $"{Short(baseSha)}...{Short(headSha)}";

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
