using LibGit2Sharp;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

// Argo CD renders a commit, not a work tree: the git source must read blobs of the committed tree.
public class GitTreeManifestSourceTests
{
    private static readonly Signature Author = new("sandbox", "sandbox@example.invalid", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Render_DeployTreeCommitted_EqualsFileSystemRender()
    {
        using var tree = new TempTree();
        CopyDirectory(Path.Combine(RepositoryRoot.Path, "deploy"), tree.PathOf("deploy"));
        using var repository = new Repository(Repository.Init(tree.Root));
        var commit = CommitAll(repository, "deploy tree");
        var fromGit = GitTreeManifestSource.ForCommit(commit);
        var fromDisk = new FileSystemManifestSource(RepositoryRoot.Path);
        var overlays = ((IEnumerable<object[]>)KustomizeParityTests.Overlays()).Select(row => (string)row[0]).ToList();

        Assert.NotEmpty(overlays);
        foreach (var overlay in overlays)
        {
            RenderAssert.Equal(KustomizeRenderer.Render(fromDisk, overlay), KustomizeRenderer.Render(fromGit, overlay), overlay);
        }
    }

    [Fact]
    public void Render_WorkTreeChangedAfterCommit_RendersCommittedContent()
    {
        using var tree = new TempTree();
        tree.Write("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  literals: [V=1]\n");
        using var repository = new Repository(Repository.Init(tree.Root));
        var first = CommitAll(repository, "v1");
        tree.Write("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  literals: [V=2]\n");

        var committed = KustomizeRenderer.Render(GitTreeManifestSource.ForCommit(first), "app").Single();
        var onDisk = KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app").Single();

        Assert.Equal("1", committed["data"]!["V"]!.GetValue<string>());
        Assert.Equal("2", onDisk["data"]!["V"]!.GetValue<string>());
    }

    [Fact]
    public void GetEntryKind_PathsInCommittedTree_DistinguishesFilesDirectoriesAndMissing()
    {
        using var tree = new TempTree();
        tree.Write("a/b/file.yaml", "x: 1\n");
        using var repository = new Repository(Repository.Init(tree.Root));
        var source = GitTreeManifestSource.ForCommit(CommitAll(repository, "files"));

        Assert.Equal(ManifestEntryKind.Directory, source.GetEntryKind(""));
        Assert.Equal(ManifestEntryKind.Directory, source.GetEntryKind("a/b"));
        Assert.Equal(ManifestEntryKind.File, source.GetEntryKind("a/./b/../b/file.yaml"));
        Assert.Equal(ManifestEntryKind.None, source.GetEntryKind("a/missing"));
        Assert.Equal("x: 1\n", System.Text.Encoding.UTF8.GetString(source.ReadFile("a/b/file.yaml")));
        Assert.Throws<KustomizeException>(() => source.ReadFile("a/b"));
    }

    [Fact]
    public void Render_SymbolicLinksInCommittedTree_FollowsThemLikeTheFileSystem()
    {
        using var tree = new TempTree();
        tree.Write("shared/base/kustomization.yaml", "configMapGenerator:\n- name: c\n  files: [settings.txt]\n")
            .Write("shared/base/real.txt", "v=1\n")
            .Write("app/kustomization.yaml", "resources: [base]\nnamespace: app\n");
        File.CreateSymbolicLink(tree.PathOf("shared/base/settings.txt"), "real.txt");
        Directory.CreateSymbolicLink(tree.PathOf("app/base"), "../shared/base");
        using var repository = new Repository(Repository.Init(tree.Root));
        var commit = CommitAll(repository, "links");

        var fromGit = KustomizeRenderer.Render(GitTreeManifestSource.ForCommit(commit), "app");
        var fromDisk = KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app");

        Assert.Equal(Mode.SymbolicLink, commit["app/base"].Mode);
        RenderAssert.Equal(fromDisk, fromGit, "app");
        Assert.Equal("v=1\n", fromGit.Single()["data"]!["settings.txt"]!.GetValue<string>());
    }

    private static Commit CommitAll(Repository repository, string message)
    {
        Commands.Stage(repository, "*");
        return repository.Commit(message, Author, Author);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
