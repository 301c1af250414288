using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Core.Delivery.Applications;

public sealed record ManifestCommit(string Sha, string MessageShort, string Message, string Author, string AuthorEmail, DateTimeOffset When);

/// <summary>What an application's path renders to at one commit: the desired state Argo CD compares with.</summary>
public sealed record RenderedManifests(string Sha, string Path, IReadOnlyList<JsonObject> Objects);

/// <summary>
/// The commit behind an application's revision, read from the manifests repository (Manifests:Repository):
/// a local repository directly, an http(s) remote through a bare mirror in the data directory that is
/// fetched when a revision is not there yet. Commits never change, so answers are cached. It also
/// renders an application's path at a commit with the same Kustomize renderer the sandbox's Argo CD uses.
/// </summary>
public sealed class ManifestCommitReader(IOptions<ManifestsOptions> options, IOptions<DataOptions> data)
{
    // Renders are bigger than commit lines; the newest few cover the pages open at one time.
    private const int RenderCacheSize = 64;

    private readonly ConcurrentDictionary<string, ManifestCommit> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Sha, string Path), RenderedManifests> _renders = new();
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
        return await AtCommitAsync(revision, commit =>
        {
            var found = new ManifestCommit(commit.Sha, commit.MessageShort, commit.Message.TrimEnd(), commit.Author.Name, commit.Author.Email, commit.Author.When);
            _cache[revision] = found;
            return found;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The objects <paramref name="path"/> renders to at <paramref name="revision"/> (a commit or a
    /// branch); null when the revision is not in the repository. Throws <see cref="KustomizeException"/>
    /// naming the file and field when the manifests do not render.
    /// </summary>
    public async Task<RenderedManifests?> RenderAsync(string revision, string path, CancellationToken cancellationToken = default)
    {
        if (!Configured || string.IsNullOrWhiteSpace(revision))
        {
            return null;
        }
        if (_renders.TryGetValue((revision, path), out var cached))
        {
            return cached;
        }
        return await AtCommitAsync(revision, commit =>
        {
            if (_renders.TryGetValue((commit.Sha, path), out var known))
            {
                return known;
            }
            var rendered = new RenderedManifests(commit.Sha, path, KustomizeRenderer.Render(GitTreeManifestSource.ForCommit(commit), path));
            if (_renders.Count >= RenderCacheSize)
            {
                _renders.Clear();
            }
            // Only a full SHA names the same tree forever; a branch moves.
            _renders[(commit.Sha, path)] = rendered;
            return rendered;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> AtCommitAsync<T>(string revision, Func<Commit, T> read, CancellationToken cancellationToken) where T : class
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                var path = options.Value.IsRemote ? Mirror() : options.Value.Repository;
                using var repository = new Repository(path);
                var commit = repository.Lookup<Commit>(revision);
                if (commit is null && options.Value.IsRemote)
                {
                    Commands.Fetch(repository, "origin", ["+refs/heads/*:refs/heads/*"], FetchOptions(), null);
                    commit = repository.Lookup<Commit>(revision);
                }
                return commit is null ? null : read(commit);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
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
