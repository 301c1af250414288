using LibGit2Sharp;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// The sandbox's manifests repository: a real bare git repository in the data directory, seeded
/// on first start with the GitOps tree under <c>deploy/</c>, so paths match the Applications'.
/// Anyone can clone it, commit and push; the simulated Argo CD syncs what lands on main.
/// </summary>
public sealed class SandboxRepository(string path)
{
    public const string Branch = "main";

    public string Path { get; } = path;

    public void EnsureSeeded(string seedDirectory)
    {
        if (Repository.IsValid(Path))
        {
            return;
        }
        Repository.Init(Path, isBare: true);
        using var repo = new Repository(Path);
        var tree = new TreeDefinition();
        foreach (var file in Directory.EnumerateFiles(seedDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = "deploy/" + System.IO.Path.GetRelativePath(seedDirectory, file).Replace('\\', '/');
            using var content = File.OpenRead(file);
            var mode = relative.EndsWith(".sh", StringComparison.Ordinal) ? Mode.ExecutableFile : Mode.NonExecutableFile;
            tree.Add(relative, repo.ObjectDatabase.CreateBlob(content), mode);
        }
        var who = new Signature("MLOps Dashboard sandbox", "sandbox@mlops.local", DateTimeOffset.UtcNow);
        var commit = repo.ObjectDatabase.CreateCommit(who, who, "Seed the platform's GitOps tree", repo.ObjectDatabase.CreateTree(tree), [], prettifyMessage: true);
        repo.Refs.Add($"refs/heads/{Branch}", commit.Id);
        repo.Refs.UpdateTarget("HEAD", $"refs/heads/{Branch}");
    }

    /// <summary>Opens the repository for one unit of work; the caller disposes it.</summary>
    public Repository Open() => new(Path);
}
