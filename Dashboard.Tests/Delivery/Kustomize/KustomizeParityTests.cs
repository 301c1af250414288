using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

// The sandbox applies what KustomizeRenderer returns; Argo CD applies what kustomize builds.
// Every overlay of the GitOps tree must render to exactly kubectl's objects, in kubectl's order.
public class KustomizeParityTests
{
    public static TheoryData<string> Overlays()
    {
        var data = new TheoryData<string>();
        var apps = Path.Combine(RepositoryRoot.Path, "deploy", "apps");
        foreach (var overlay in Directory.GetDirectories(apps).SelectMany(app => Directory.GetDirectories(Path.Combine(app, "overlays"))).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, overlay).Replace('\\', '/'));
        }
        return data;
    }

    // Every other kustomization in deploy/ (bases, Argo CD bootstrap, monitoring) must render too.
    public static TheoryData<string> OtherKustomizations()
    {
        var data = new TheoryData<string>();
        var deploy = Path.Combine(RepositoryRoot.Path, "deploy");
        foreach (var file in Directory.EnumerateFiles(deploy, "kustomization.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var directory = Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (!directory.Contains("/overlays/", StringComparison.Ordinal))
            {
                data.Add(directory);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Render_DeployOverlay_EqualsKubectlKustomize(string overlay)
    {
        var expected = Kubectl.Kustomize(Path.Combine(RepositoryRoot.Path, overlay));

        var actual = KustomizeRenderer.Render(new FileSystemManifestSource(RepositoryRoot.Path), overlay);

        RenderAssert.Equal(expected, actual, overlay);
    }

    [Theory]
    [MemberData(nameof(OtherKustomizations))]
    public void Render_OtherDeployKustomization_EqualsKubectlKustomize(string directory)
    {
        var expected = Kubectl.Kustomize(Path.Combine(RepositoryRoot.Path, directory));

        var actual = KustomizeRenderer.Render(new FileSystemManifestSource(RepositoryRoot.Path), directory);

        RenderAssert.Equal(expected, actual, directory);
    }

    [Fact]
    public void Overlays_DeployTree_FindsEveryAppInBothEnvironments()
    {
        var overlays = ((IEnumerable<object[]>)Overlays()).Select(row => (string)row[0]).ToList();

        Assert.NotEmpty(overlays);
        Assert.All(overlays, o => Assert.Matches("^deploy/apps/[^/]+/overlays/(staging|production)$", o));
    }
}
