using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

// Features beyond what deploy/ uses today, so the next overlay a colleague writes renders right.
public class KustomizeFeatureTests
{
    public static TheoryData<string> Cases() => new(KustomizeFixtures.Cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_FeatureFixture_EqualsKubectlKustomize(string name)
    {
        using var tree = new TempTree();
        foreach (var (path, content) in KustomizeFixtures.Cases[name])
        {
            tree.Write(path, content);
        }
        var expected = Kubectl.Kustomize(tree.PathOf("overlay"));

        var actual = KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "overlay");

        RenderAssert.Equal(expected, actual, name);
    }
}
