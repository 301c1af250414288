using System.Text.Json.Nodes;
using MlOpsDashboard.Core.Cluster.Diff;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

public sealed class ManifestDiffTests
{
    private const string Desired = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"grafana","namespace":"grafana","labels":{"app":"grafana"}},
         "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"grafana","image":"grafana/grafana:11.0.0","ports":[{"containerPort":3000}]}]}}}}
        """;

    private const string Live = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"grafana","namespace":"grafana","labels":{"app":"grafana"},
          "uid":"6b1c","resourceVersion":"812","generation":4,"creationTimestamp":"2026-11-24T01:00:00Z","managedFields":[{"manager":"kubectl"}],
          "annotations":{"deployment.kubernetes.io/revision":"3","kubectl.kubernetes.io/last-applied-configuration":"{}"}},
         "spec":{"replicas":3,"progressDeadlineSeconds":600,"template":{"spec":{"containers":[{"name":"grafana","image":"grafana/grafana:11.0.0","ports":[{"containerPort":3000,"protocol":"TCP"}],"terminationMessagePath":"/dev/termination-log"}]}}},
         "status":{"replicas":3,"readyReplicas":3}}
        """;

    [Fact]
    public void Normalize_LiveDeployment_DropsBookkeepingStatusAndServerDefaults()
    {
        var desired = (JsonObject)JsonNode.Parse(Desired)!;

        var live = ManifestNormalizer.Live((JsonObject)JsonNode.Parse(Live)!, desired);

        desired["spec"]!["replicas"] = JsonNode.Parse("3");
        Assert.True(JsonNode.DeepEquals(desired, live), live.ToJsonString());
    }

    [Fact]
    public void Normalize_FieldOnceAppliedThenRemovedFromGit_StaysVisible()
    {
        var desired = (JsonObject)JsonNode.Parse(Desired)!;
        var live = (JsonObject)JsonNode.Parse(Live)!;
        live["metadata"]!["annotations"]![ManifestNormalizer.LastAppliedAnnotation] = """{"spec":{"paused":true}}""";
        live["spec"]!["paused"] = true;

        var normalized = ManifestNormalizer.Live(live, desired);

        Assert.True(normalized["spec"]!["paused"]!.GetValue<bool>());
        Assert.Null(normalized["spec"]!["progressDeadlineSeconds"]);
    }

    [Fact]
    public void UnifiedDiff_OneLineChanged_HunkWithThreeLinesOfContext()
    {
        var before = string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i}"));
        var after = before.Replace("line 5", "line five", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(before, after, "live", "git");

        Assert.Equal("--- live\n+++ git\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n", diff);
    }

    [Fact]
    public void UnifiedDiff_ChangesFarApart_TwoHunks()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 19", "line nineteen", StringComparison.Ordinal);

        var hunks = UnifiedDiff.Create(before, after, "a", "b").Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal)).ToList();

        Assert.Equal(["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"], hunks);
    }

    [Fact]
    public void UnifiedDiff_EqualTexts_Empty() =>
        Assert.Equal("", UnifiedDiff.Create("a: 1\n", "a: 1\n", "live", "git"));

    [Fact]
    public void YamlWriter_NumbersFromJsonAndFromCode_WriteTheSame()
    {
        var parsed = JsonNode.Parse("""{"replicas":1,"name":"true","cpu":0.5}""");
        var built = new JsonObject { ["replicas"] = 1L, ["name"] = "true", ["cpu"] = 0.5m };

        Assert.Equal(ManifestYamlWriter.Write(parsed), ManifestYamlWriter.Write(built));
        Assert.Equal("cpu: 0.5\nname: \"true\"\nreplicas: 1\n", ManifestYamlWriter.Write(parsed).ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("Deployment", "deployments")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("NetworkPolicy", "networkpolicies")]
    [InlineData("HorizontalPodAutoscaler", "horizontalpodautoscalers")]
    public void Plural_Kind_AsTheApiServerNamesIt(string kind, string plural) =>
        Assert.Equal(plural, LiveObjectReader.Plural(kind));
}
