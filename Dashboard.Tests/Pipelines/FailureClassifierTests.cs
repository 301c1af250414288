using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData("build-test", "Test", "  Failed Tests.PromotionTests.Promote_StaleBase_Retries [1 s]\n   Assert.Equal() Failure: Values differ\nFailed!  - Failed:     1, Passed:   311", FailureCategory.TestFailure)]
    [InlineData("build-test", "Build", "Models.razor.cs(57,43): error CS1002: ; expected [Dashboard.csproj]\nBuild FAILED.", FailureCategory.Compile)]
    [InlineData("build-test", "Build", "Core.csproj : error NU1101: Unable to find package Octokit.Webhooks. No packages exist with this id", FailureCategory.Dependency)]
    [InlineData("build-test", "Vulnerable packages", "The following sources were used:\nProject `Core` has the following vulnerable packages\n   > System.Text.Json   8.0.0   High   https://github.com/advisories/GHSA-8g4q-xg66-9fp4", FailureCategory.SecurityFinding)]
    [InlineData("trivy", "Trivy scan", "Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1)\n│ libssl3t64 │ CVE-2024-5535 │ CRITICAL │", FailureCategory.SecurityFinding)]
    [InlineData("train-evaluate", "Evaluate", "  f1=0.712  auc=0.834\nQuality gate failed: f1=0.712 < 0.750 (--min-f1)", FailureCategory.ModelBelowThreshold)]
    [InlineData("promote-staging", "Update staging overlay", "Error: bad file 'overlays/staging/kustomization.yaml': yaml: line 12: mapping values are not allowed in this context", FailureCategory.ManifestError)]
    [InlineData("promote-staging", "Commit and push", " ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs to 'https://github.com/octo-org/manifests'", FailureCategory.ManifestError)]
    public void Classify_TypicalLog_NamesTheCategory(string job, string step, string log, FailureCategory expected)
    {
        var result = FailureClassifier.Classify(job, step, log);

        Assert.Equal(expected, result.Category);
        Assert.NotEmpty(result.Evidence);
    }

    [Fact]
    public void Classify_LogWithTimestampsAndColours_EvidenceIsPlainTextWithLineNumbers()
    {
        const string Log = "2026-11-24T01:02:03.1234567Z ##[group]Run ./test.sh\n2026-11-24T01:02:04.0000000Z passed line\n2026-11-24T01:06:00.5000000Z \u001b[31;1m  Failed Tests.A.B [12 ms]\u001b[0m\n2026-11-24T01:06:01.0000000Z ##[error]Process completed with exit code 1.\n";

        var result = FailureClassifier.Classify("build-test", "Test", Log);

        Assert.Equal(FailureCategory.TestFailure, result.Category);
        Assert.Equal([(3, "Failed Tests.A.B [12 ms]"), (4, "##[error]Process completed with exit code 1.")], result.Evidence.Select(e => (e.LineNumber, e.Text)));
        Assert.Contains("matching log line", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_LogBeatsStepName_RestoreErrorInBuildStepIsADependencyProblem()
    {
        var result = FailureClassifier.Classify("build-test", "Build", "error NU1102: Unable to find package MudBlazor with version (>= 99.0.0)\nerror NU1102: Unable to find package Plotly.Blazor");

        Assert.Equal(FailureCategory.Dependency, result.Category);
        Assert.Equal(2, result.Evidence.Count);
    }

    [Fact]
    public void Classify_NothingRecognisable_IsUnknownAndKeepsErrorLines()
    {
        var result = FailureClassifier.Classify("docs", "Publish", "uploading...\n##[error]The operation was canceled.");

        Assert.Equal(FailureCategory.Unknown, result.Category);
        Assert.Equal("##[error]The operation was canceled.", Assert.Single(result.Evidence).Text);
        Assert.Equal("Unclassified failure", result.Title);
    }

    [Fact]
    public void Classify_OnlyTheStepNameMatches_SaysSo()
    {
        var result = FailureClassifier.Classify("security", "Run gitleaks", "exit status 1");

        Assert.Equal(FailureCategory.SecurityFinding, result.Category);
        Assert.Contains("no matching log line", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnsiStrip_ColoursCursorMovesAndLinks_LeavesOnlyText()
    {
        var text = AnsiText.Strip("\u001b[1;31mred\u001b[0m \u001b[2K\u001b]8;;https://x\u0007link\u001b]8;;\u0007\r\nnext\u0007");

        Assert.Equal("red link\nnext", text);
    }
}
