using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Dashboard.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class KustomizationEditorTests
{
    private const string Image = "ghcr.io/example/model-serving";
    private static readonly string Production = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/apps/model-serving/overlays/production/kustomization.yaml"));

    /// <summary>Everything but the one changed line is byte-identical, comments included.</summary>
    private static void AssertOnlyLineChanged(string before, string after, string expectedOld, string expectedNew)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        Assert.Equal(a.Length, b.Length);
        var changed = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        var line = Assert.Single(changed);
        Assert.Equal(expectedOld, a[line]);
        Assert.Equal(expectedNew, b[line]);
    }

    [Fact]
    public void SetImageTag_RealProductionOverlay_ChangesOnlyTheTagKeepingItsComment()
    {
        var edited = KustomizationEditor.SetImageTag(Production, Image, "1.4.0");

        AssertOnlyLineChanged(Production, edited, "    newTag: 1.3.2 # promoted from staging", "    newTag: 1.4.0 # promoted from staging");
        Assert.Equal("1.4.0", KustomizationEditor.ReadImageTag(edited, Image));
    }

    [Fact]
    public void SetLiteral_ModelVersion_ChangesOnlyThatLiteral()
    {
        var edited = KustomizationEditor.SetLiteral(Production, "MODEL_VERSION", "12");

        AssertOnlyLineChanged(Production, edited, "      - MODEL_VERSION=11 # MLflow registry version served here", "      - MODEL_VERSION=12 # MLflow registry version served here");
        Assert.Equal("12", KustomizationEditor.ReadLiteral(edited, "MODEL_VERSION"));
    }

    [Fact]
    public void SetImageTag_NumericLookingTagInPlainScalar_QuotesSoItStaysAString()
    {
        var edited = KustomizationEditor.SetImageTag(Production, Image, "1.10");

        Assert.Contains("    newTag: \"1.10\" # promoted from staging\n", edited);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(edited));
        var tag = (YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["images"]).Children[0])["newTag"];
        Assert.Equal("1.10", tag.Value);
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, tag.Style);
    }

    [Fact]
    public void SetImageTag_SingleQuotedCrlfFile_KeepsQuotingAndLineEndings()
    {
        const string Text = "# header\r\nimages:\r\n  - name: app\r\n    newTag: 'v1' # old\r\nnamespace: x\r\n";

        var edited = KustomizationEditor.SetImageTag(Text, "app", "v2");

        Assert.Equal("# header\r\nimages:\r\n  - name: app\r\n    newTag: 'v2' # old\r\nnamespace: x\r\n", edited);
    }

    [Fact]
    public void SetReplicas_NoReplicasBlock_AppendsOneAndLeavesEverythingElse()
    {
        var edited = KustomizationEditor.SetReplicas(Production, "model-serving", 2);

        Assert.StartsWith(Production, edited);
        Assert.Equal("replicas:\n  - name: model-serving\n    count: 2\n", edited[Production.Length..]);
        Assert.Equal("2", KustomizationEditor.ReadReplicas(edited, "model-serving"));

        var again = KustomizationEditor.SetReplicas(edited, "model-serving", 3);

        AssertOnlyLineChanged(edited, again, "    count: 2", "    count: 3");
    }

    [Fact]
    public void Edits_ImageMissingOrNotYaml_ClearError()
    {
        Assert.Contains("no images entry named ghcr.io/other", Assert.Throws<KustomizationEditException>(() => KustomizationEditor.SetImageTag(Production, "ghcr.io/other", "1")).Message);
        Assert.Contains("not valid YAML", Assert.Throws<KustomizationEditException>(() => KustomizationEditor.SetImageTag("images: [\n", Image, "1")).Message);
        Assert.Contains("no configMapGenerator literal", Assert.Throws<KustomizationEditException>(() => KustomizationEditor.SetLiteral("images: []\n", "MODEL_VERSION", "1")).Message);
    }
}
