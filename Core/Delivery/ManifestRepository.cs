using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Delivery;

/// <summary>
/// The manifests repository as the dashboard writes it: a bare clone in the data directory,
/// fetched before every read that matters, commits built straight from trees (no work tree to
/// get dirty), pushed without force and retried on a fresh tip when someone else got there first.
/// One unit of work at a time: libgit2 repositories are not thread-safe.
/// </summary>
public sealed partial class ManifestRepository : IDisposable
{
    private const string Remote = "origin";
    private const string OutgoingRef = "refs/mlops-dashboard/outgoing";
    private static readonly Signature Committer = new("MLOps Dashboard", "mlops-dashboard@mlops-dashboard.local", DateTimeOffset.UnixEpoch);

    private readonly ManifestsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ManifestRepository> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _clonePath;

    public ManifestRepository(IOptions<ManifestsOptions> options, IOptions<DataOptions> data, TimeProvider clock, ILogger<ManifestRepository> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        // One clone per configured remote, so pointing the setting elsewhere never mixes histories.
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_options.Repository)))[..12];
        _clonePath = Path.Combine(data.Value.ResolvedDirectory, "delivery", $"manifests-{key}.git");
    }

    public bool IsConfigured => _options.Repository.Length > 0;

    public string Branch => _options.Branch;

    public string Location => _options.Repository;

    /// <summary>Fetches and returns the branch's tip.</summary>
    public Task<string> FetchAsync(CancellationToken cancellationToken = default) =>
        WithRepositoryAsync(repo => Fetch(repo).Sha, cancellationToken);

    /// <summary>Reads at a revision of the last fetch (a sha, or null for the fetched tip).</summary>
    public Task<T> ReadAsync<T>(string? revision, Func<ManifestSnapshot, T> read, CancellationToken cancellationToken = default) =>
        WithRepositoryAsync(repo => read(new ManifestSnapshot(repo, Resolve(repo, revision))), cancellationToken);

    /// <summary>Commits that changed a path, newest first, from a revision (null: the fetched tip).</summary>
    public Task<IReadOnlyList<ManifestCommit>> HistoryAsync(string path, int max, string? revision = null, CancellationToken cancellationToken = default) =>
        WithRepositoryAsync(repo => History(repo, Resolve(repo, revision), ManifestSnapshot.Normalize(path), max, stopAt: null), cancellationToken);

    /// <summary>The unified diff a set of edits would make on a revision; empty when they change nothing.</summary>
    public Task<string> PreviewAsync(string revision, IReadOnlyList<TreeEdit> edits, CancellationToken cancellationToken = default) =>
        WithRepositoryAsync(repo =>
        {
            var commit = Resolve(repo, revision);
            return Diff(repo, commit.Tree, BuildTree(repo, commit, edits));
        }, cancellationToken);

    private async Task<T> WithRepositoryAsync<T>(Func<Repository, T> work, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new ManifestRepositoryException("No manifests repository is configured: set Manifests:Repository to a local path or an HTTPS URL.");
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // libgit2 blocks; keep it off the circuit's or request's thread.
            return await Task.Run(() =>
            {
                using var repo = OpenOrClone();
                return work(repo);
            }, cancellationToken);
        }
        catch (LibGit2SharpException e)
        {
            throw new ManifestRepositoryException($"Manifests repository {_options.Repository}: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Repository OpenOrClone()
    {
        if (!Repository.IsValid(_clonePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_clonePath)!);
            Repository.Init(_clonePath, isBare: true);
            using var fresh = new Repository(_clonePath);
            fresh.Network.Remotes.Add(Remote, _options.Repository, $"+refs/heads/*:refs/remotes/{Remote}/*");
            _logger.LogInformation("Cloning the manifests repository {Repository} into {Clone}", _options.Repository, _clonePath);
        }
        var repo = new Repository(_clonePath);
        if (repo.Network.Remotes[Remote].Url != _options.Repository)
        {
            repo.Network.Remotes.Update(Remote, r => r.Url = _options.Repository);
        }
        return repo;
    }

    private Commit Fetch(Repository repo)
    {
        Commands.Fetch(repo, Remote, [$"+refs/heads/{_options.Branch}:refs/remotes/{Remote}/{_options.Branch}"],
            new FetchOptions { CredentialsProvider = Credentials, Prune = false }, "mlops-dashboard fetch");
        return repo.Branches[$"{Remote}/{_options.Branch}"]?.Tip
            ?? throw new ManifestRepositoryException($"Branch {_options.Branch} does not exist in {_options.Repository}; check Manifests:Branch.");
    }

    private Commit Resolve(Repository repo, string? revision)
    {
        if (revision is null)
        {
            return repo.Branches[$"{Remote}/{_options.Branch}"]?.Tip ?? Fetch(repo);
        }
        return repo.Lookup<Commit>(revision) ?? throw new ManifestRepositoryException($"Revision {revision} is not in the manifests repository (fetched from {_options.Repository}).");
    }

    private Credentials Credentials(string url, string? user, SupportedCredentialTypes types) =>
        _options.Token.Length > 0 && types.HasFlag(SupportedCredentialTypes.UsernamePassword)
            ? new UsernamePasswordCredentials { Username = "x-access-token", Password = _options.Token }
            : new DefaultCredentials();

    internal static IReadOnlyList<ManifestCommit> History(Repository repo, Commit from, string path, int max, Commit? stopAt)
    {
        var filter = new CommitFilter { IncludeReachableFrom = from, ExcludeReachableFrom = stopAt, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time };
        var result = new List<ManifestCommit>();
        foreach (var commit in repo.Commits.QueryBy(filter))
        {
            if (result.Count >= max)
            {
                break;
            }
            if (Touches(commit, path))
            {
                result.Add(ToManifestCommit(commit));
            }
        }
        return result;
    }

    private static bool Touches(Commit commit, string path)
    {
        var mine = commit[path]?.Target.Sha;
        return commit.Parents.Any() ? commit.Parents.Any(p => p[path]?.Target.Sha != mine) : mine is not null;
    }

    internal static ManifestCommit ToManifestCommit(Commit c) => new(c.Sha, c.Message.TrimEnd(), c.Author.Name, c.Author.When);

    private static Tree BuildTree(Repository repo, Commit onto, IReadOnlyList<TreeEdit> edits)
    {
        var definition = TreeDefinition.From(onto.Tree);
        foreach (var edit in edits)
        {
            var path = ManifestSnapshot.Normalize(edit.Path);
            switch (edit)
            {
                case PutFile file:
                    var bytes = new UTF8Encoding(false).GetBytes(file.Content);
                    using (var stream = new MemoryStream(bytes))
                    {
                        var mode = onto[path]?.Mode is Mode.ExecutableFile ? Mode.ExecutableFile : Mode.NonExecutableFile;
                        definition.Add(path, repo.ObjectDatabase.CreateBlob(stream), mode);
                    }
                    break;
                case PutTree { TreeSha: null }:
                    definition.Remove(path);
                    break;
                case PutTree tree:
                    definition.Add(path, repo.Lookup<Tree>(tree.TreeSha) ?? throw new ManifestRepositoryException($"Tree {tree.TreeSha} is not in the repository."));
                    break;
            }
        }
        return repo.ObjectDatabase.CreateTree(definition);
    }

    private static string Diff(Repository repo, Tree from, Tree to) =>
        from.Id == to.Id ? "" : repo.Diff.Compare<Patch>(from, to, new CompareOptions { ContextLines = 3 }).Content;

    public void Dispose() => _gate.Dispose();
}
