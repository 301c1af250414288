using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Delivery.Kustomize;

namespace MlOpsDashboard.Dashboard.Tests.Delivery.Kustomize;

public class KustomizeHasherTests
{
    [Fact]
    public void Render_ConfigMapFromLiterals_HashSuffixEqualsKubectl()
    {
        using var tree = new TempTree();
        // Characters Go's JSON encoder escapes (<, >, &, U+2028 written as YAML's \L) and text YAML would retype.
        tree.Write("app/kustomization.yaml", """
            configMapGenerator:
            - name: settings
              literals:
              - MODEL_VERSION=12
              - "RULE=rate(x[5m]) > 0.5 && y < 2"
              - GREETING="hello, world"
              - "SEPARATOR=a\Lb"
              - ENABLED=true
              - EMPTY=
            """);
        var expected = Kubectl.Kustomize(tree.PathOf("app")).Single();

        var actual = KustomizeRenderer.Render(new FileSystemManifestSource(tree.Root), "app").Single();

        Assert.StartsWith("settings-", expected["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(expected["metadata"]!["name"]!.GetValue<string>(), actual["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(ManifestYaml.ToCanonicalJson(expected), ManifestYaml.ToCanonicalJson(actual));
    }

    [Fact]
    public void Hash_ProductionModelConfig_EqualsSuffixKubectlPrinted()
    {
        // kubectl kustomize deploy/apps/mlops-dashboard/overlays/production named this ConfigMap
        // mlops-dashboard-config-6hc98486gm; the name itself does not enter kustomize's hash.
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "any-name", ["namespace"] = "ignored" },
            ["data"] = new JsonObject { ["MODEL_VERSION"] = "11", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };

        Assert.Equal("6hc98486gm", KustomizeHasher.Hash(configMap));
    }

    [Fact]
    public void Hash_SecretWithType_EqualsSuffixKubectlPrinted()
    {
        var secret = new JsonObject
        {
            ["kind"] = "Secret",
            ["type"] = "kubernetes.io/basic-auth",
            ["metadata"] = new JsonObject { ["name"] = "s" },
            ["data"] = new JsonObject { ["pw"] = "c2VjcmV0" },
        };

        Assert.Equal("49dmtd9f5k", KustomizeHasher.Hash(secret));
    }

    [Fact]
    public void Hash_DataChanges_SuffixChanges()
    {
        JsonObject Make(string version) => new()
        {
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "c" },
            ["data"] = new JsonObject { ["MODEL_VERSION"] = version },
        };

        Assert.NotEqual(KustomizeHasher.Hash(Make("11")), KustomizeHasher.Hash(Make("12")));
    }
}
