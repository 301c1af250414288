using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

// A kustomization the sandbox cannot render must say which field of which file, not render
// something different from what Argo CD would apply.
public class KustomizeErrorTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers: [{name: c, image: nginx}]
        """;

    [Theory]
    [InlineData("replacements", "replacements:\n- source: {kind: Deployment, name: d}\n  targets: []\n")]
    [InlineData("components", "components: [../component]\n")]
    [InlineData("helmCharts", "helmCharts:\n- name: x\n")]
    [InlineData("vars", "vars:\n- name: X\n  objref: {kind: Deployment, name: d, apiVersion: apps/v1}\n")]
    [InlineData("transformers", "transformers: [t.yaml]\n")]
    [InlineData("configurations", "configurations: [c.yaml]\n")]
    [InlineData("labels[0].fields", "labels:\n- pairs: {a: b}\n  fields: [{path: spec/x}]\n")]
    public void Render_UnsupportedField_ThrowsNamingFieldAndFile(string field, string yaml)
    {
        var error = Render("resources: [d.yaml]\n" + yaml);

        Assert.Equal("app/kustomization.yaml", error.File);
        Assert.Equal(field, error.Field);
        Assert.Contains("app/kustomization.yaml", error.Message);
        Assert.Contains(field, error.Message);
        Assert.Contains("not supported", error.Message);
    }

    [Fact]
    public void Render_UnknownField_ThrowsNamingFieldAndFile()
    {
        var error = Render("resources: [d.yaml]\nnamePrefixx: a-\n");

        Assert.Equal("namePrefixx", error.Field);
        Assert.Contains("app/kustomization.yaml: namePrefixx: unknown field", error.Message);
    }

    [Fact]
    public void Render_UnquotedNumericTag_ThrowsLikeKubectl()
    {
        var error = Render("resources: [d.yaml]\nimages:\n- name: nginx\n  newTag: 1.27\n");

        Assert.Equal("images[0].newTag", error.Field);
        Assert.Contains("expected a string", error.Message);
    }

    [Fact]
    public void Render_GeneratorNamedN_ThrowsLikeKubectlReadingYaml11()
    {
        using var tree = new TempTree();
        // kustomize reads kustomization files as YAML 1.1, where a bare n is the boolean false.
        tree.Write("app/kustomization.yaml", "configMapGenerator:\n- name: n\n  literals: [a=b]\n");

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app"));

        Assert.Equal("configMapGenerator[0].name", error.Field);
        Assert.Contains("cannot unmarshal bool", Kubectl.KustomizeError(tree.PathOf("app")));
    }

    [Fact]
    public void Render_UnsupportedPatchDirective_ThrowsNamingDirectiveAndPatch()
    {
        var error = Render("""
            resources: [d.yaml]
            patches:
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      $setElementOrder/containers: [{name: c}]
            """);

        Assert.Contains("$setElementOrder/containers", error.Message);
        Assert.Equal("patches[0]", error.Field);
    }

    [Fact]
    public void Render_MissingResource_ThrowsNamingEntry()
    {
        var error = Render("resources: [d.yaml, missing.yaml]\n");

        Assert.Equal("resources[1]", error.Field);
        Assert.Contains("missing.yaml", error.Message);
    }

    [Fact]
    public void Render_FileOutsideKustomizationFolder_ThrowsLikeKubectlLoadRestrictor()
    {
        using var tree = new TempTree();
        tree.Write("shared.yaml", Deployment).Write("app/kustomization.yaml", "resources: [../shared.yaml]\n");

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app"));

        Assert.Contains("is not in or below", error.Message);
        Assert.Contains("is not in or below", Kubectl.KustomizeError(tree.PathOf("app")));
    }

    [Fact]
    public void Render_NoKustomizationFile_ThrowsNamingDirectory()
    {
        using var tree = new TempTree();
        tree.Write("app/d.yaml", Deployment);

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app"));

        Assert.Equal("app", error.File);
        Assert.Contains("no kustomization file", error.Message);
    }

    private static KustomizeException Render(string kustomization)
    {
        using var tree = new TempTree();
        tree.Write("app/d.yaml", Deployment).Write("app/kustomization.yaml", kustomization);
        return Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app"));
    }
}
