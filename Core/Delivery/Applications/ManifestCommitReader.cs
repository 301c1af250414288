using System.Collections.Concurrent;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Delivery.Applications;

public sealed record ManifestCommit(string Sha, string MessageShort, string Message, string Author, string AuthorEmail, DateTimeOffset When);

/// <summary>
/// The commit behind an application's revision, read from the manifests repository (Manifests:Repository):
/// a local repository directly, an http(s) remote through a bare mirror in the data directory that is
/// fetched when a revision is not there yet. Commits never change, so answers are cached.
/// </summary>
public sealed class ManifestCommitReader(IOptions<ManifestsOptions> options, IOptions<DataOptions> data)
{
    private readonly ConcurrentDictionary<string, ManifestCommit> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool Configured => options.Value.Repository.Length > 0;

    /// <summary>Null when the revision is not in the repository (or none is configured).</summary>
    public async Task<ManifestCommit?> FindAsync(string? revision, CancellationToken cancellationToken = default)
    {
        if (!Configured || string.IsNullOrWhiteSpace(revision))
        {
            return null;
        }
        if (_cache.TryGetValue(revision, out var cached))
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Read(revision), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ManifestCommit? Read(string revision)
    {
        var path = options.Value.IsRemote ? Mirror() : options.Value.Repository;
        using var repository = new Repository(path);
        var commit = repository.Lookup<Commit>(revision);
        if (commit is null && options.Value.IsRemote)
        {
            Commands.Fetch(repository, "origin", ["+refs/heads/*:refs/heads/*"], FetchOptions(), null);
            commit = repository.Lookup<Commit>(revision);
        }
        if (commit is null)
        {
            return null;
        }
        var found = new ManifestCommit(commit.Sha, commit.MessageShort, commit.Message.TrimEnd(), commit.Author.Name, commit.Author.Email, commit.Author.When);
        _cache[revision] = found;
        return found;
    }

    private string Mirror()
    {
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.Value.Repository)))[..16];
        var path = Path.Combine(data.Value.ResolvedDirectory, "manifests-mirror", name);
        if (!Repository.IsValid(path))
        {
            var clone = new CloneOptions(FetchOptions()) { IsBare = true };
            Repository.Clone(options.Value.Repository, path, clone);
        }
        return path;
    }

    private FetchOptions FetchOptions()
    {
        var fetch = new FetchOptions();
        if (options.Value.Token.Length > 0)
        {
            fetch.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = options.Value.Token };
        }
        return fetch;
    }
}
