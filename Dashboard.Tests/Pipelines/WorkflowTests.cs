using MlOpsDashboard.Dashboard.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class WorkflowTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, ".github", "workflows");

    public static TheoryData<string> Workflows => [.. new[] { "ci.yml", "security.yml", "ct.yml", "cd.yml", "triage.yml" }];

    [Fact]
    public async Task Actionlint_EveryWorkflow_HasNoFindings()
    {
        var files = Directory.GetFiles(Folder, "*.yml");
        Assert.Equal(5, files.Length);

        var findings = await Actionlint.LintFilesAsync(files);

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public async Task Actionlint_BrokenWorkflow_ReportsEachMistake()
    {
        const string Broken = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.no_such_property }}"
                  - uses: actions/checkout@v4
                    with:
                      fetch-depth: 0
                    timeout-minutes: -1
              deploy:
                needs: nowhere
                runs-on: ubuntu-latest
                steps:
                  - run: echo hi
            """;

        var findings = await Actionlint.LintTextAsync(Broken);

        Assert.Contains(findings, f => f.Kind == "expression" && f.Line == 6);
        Assert.Contains(findings, f => f.Kind == "job-needs");
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void EveryWorkflow_DeclaresLeastPrivilegePermissionsAndPinsThirdPartyActions(string name)
    {
        var root = Load(name);
        var top = Assert.IsType<YamlMappingNode>(root.Children[new YamlScalarNode("permissions")]);
        Assert.Equal("read", ((YamlScalarNode)top.Children[new YamlScalarNode("contents")]).Value);
        Assert.Single(top.Children);

        var uses = File.ReadAllLines(Path.Combine(Folder, name)).Select(l => l.Trim()).Where(l => l.StartsWith("uses:", StringComparison.Ordinal) || l.StartsWith("- uses:", StringComparison.Ordinal));
        foreach (var line in uses)
        {
            var reference = line[(line.IndexOf("uses:", StringComparison.Ordinal) + 5)..].Trim();
            var version = reference.Split('@')[1].Split(' ')[0];
            Assert.Matches("^[0-9a-f]{40}$", version);
            Assert.Matches(@"# v\d+\.\d+\.\d+$", reference);
        }
    }

    [Fact]
    public void Cd_HandsOffToGitOpsWithACommitNeverKubectl()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "cd.yml"));
        var commands = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

        Assert.Contains("platforms: linux/amd64,linux/arm64", text, StringComparison.Ordinal);
        Assert.Contains("deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml", text, StringComparison.Ordinal);
        Assert.Contains("git push origin HEAD:main", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kubectl", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("--force", commands, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "deploy", "apps", "mlops-dashboard", "overlays", "staging", "kustomization.yaml")));
    }

    [Fact]
    public void Ct_EvaluatesEveryPredictorAgainstItsGateBeforeRegistering()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "ct.yml"));

        foreach (var flag in new[] { "--min-f1", "--min-auc", "--min-r2", "--max-mae", "--min-apfd" })
        {
            Assert.Contains(flag, text, StringComparison.Ordinal);
        }
        Assert.True(text.IndexOf("name: Evaluate", StringComparison.Ordinal) < text.IndexOf("name: Register model", StringComparison.Ordinal));
    }

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, name));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
