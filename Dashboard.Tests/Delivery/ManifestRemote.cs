using LibGit2Sharp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>
/// A real bare repository in a temp folder, seeded from deploy/ as the sandbox seeds its own,
/// with its reflog kept so tests can prove no update ever rewound the branch.
/// </summary>
public sealed class ManifestRemote : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-remote-").FullName;
    private readonly List<ManifestRepository> _clients = [];

    public ManifestRemote()
    {
        new SandboxRepository(BarePath).EnsureSeeded(Path.Combine(RepositoryRoot.Path, "deploy"));
        using var repo = new Repository(BarePath);
        repo.Config.Set("core.logAllRefUpdates", "always");
    }

    public string BarePath => Path.Combine(_folder, "manifests.git");

    /// <summary>A dashboard's view of this remote, with its own data directory (like another replica).</summary>
    public ManifestRepository Client(int pushAttempts = 4, string? repository = null, string token = "", string branch = "main")
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, $"dashboard-{_clients.Count}")).FullName;
        var client = new ManifestRepository(
            Options.Create(new ManifestsOptions { Repository = repository ?? BarePath, Branch = branch, PushAttempts = pushAttempts, Token = token }),
            Options.Create(new DataOptions { Directory = data }),
            TimeProvider.System,
            NullLogger<ManifestRepository>.Instance);
        _clients.Add(client);
        return client;
    }

    public string Tip()
    {
        using var repo = new Repository(BarePath);
        return repo.Branches["main"].Tip.Sha;
    }

    public string? FileAt(string revision, string path)
    {
        using var repo = new Repository(BarePath);
        return repo.Lookup<Commit>(revision)[path]?.Target is Blob blob ? blob.GetContentText() : null;
    }

    public string? TreeAt(string revision, string path)
    {
        using var repo = new Repository(BarePath);
        return repo.Lookup<Commit>(revision)[path]?.Target.Sha;
    }

    public bool IsAncestorOfTip(string sha)
    {
        using var repo = new Repository(BarePath);
        var tip = repo.Branches["main"].Tip;
        var commit = repo.Lookup<Commit>(sha);
        return tip.Id == commit.Id || repo.ObjectDatabase.FindMergeBase(tip, commit)?.Id == commit.Id;
    }

    public Commit CommitInfo(string sha, Func<Commit, string> read, out string value)
    {
        using var repo = new Repository(BarePath);
        var commit = repo.Lookup<Commit>(sha);
        value = read(commit);
        return commit;
    }

    /// <summary>Every update of main as the remote recorded it: (old, new) pairs.</summary>
    public IReadOnlyList<(string From, string To)> BranchUpdates()
    {
        using var repo = new Repository(BarePath);
        return [.. repo.Refs.Log("refs/heads/main").Select(e => (e.From.Sha, e.To.Sha))];
    }

    /// <summary>True when <paramref name="descendant"/> has <paramref name="ancestor"/> in its history.</summary>
    public bool Descends(string descendant, string ancestor)
    {
        using var repo = new Repository(BarePath);
        if (ancestor.All(c => c == '0'))
        {
            return true;
        }
        var d = repo.Lookup<Commit>(descendant);
        var a = repo.Lookup<Commit>(ancestor);
        return d.Id == a.Id || repo.ObjectDatabase.FindMergeBase(d, a)?.Id == a.Id;
    }

    /// <summary>Someone else's push, from their own clone, as a person at a terminal would.</summary>
    public string PushOutsideChange(string path, Func<string, string> edit, string message = "Outside change")
    {
        var clone = Directory.CreateTempSubdirectory("mlops-outside-").FullName;
        try
        {
            Repository.Clone(BarePath, clone);
            using var repo = new Repository(clone);
            var file = Path.Combine(clone, path);
            File.WriteAllText(file, edit(File.Exists(file) ? File.ReadAllText(file) : ""));
            Commands.Stage(repo, path);
            var who = new Signature("someone-else", "someone@example.com", DateTimeOffset.UtcNow);
            var sha = repo.Commit(message, who, who).Sha;
            repo.Network.Push(repo.Branches["main"]);
            return sha;
        }
        finally
        {
            TempFolders.TryDelete(clone);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        TempFolders.TryDelete(_folder);
    }
}
