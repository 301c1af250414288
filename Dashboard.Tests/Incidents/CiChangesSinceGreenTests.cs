using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Incidents.Rules;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.GitHub;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;
using MlOpsDashboard.Dashboard.Tests.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>
/// "What changed since the last green run" in a CI failure's context: read from GitHub's compare
/// (loopback fake), bounded, redacted, cited by the rules when the failing log names a changed file,
/// and shown in the report.
/// </summary>
public sealed class CiChangesSinceGreenTests : IAsyncLifetime
{
    private const string GreenSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private const string FailingSha = "f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180";
    private const string TestFile = "Dashboard.Tests/Delivery/PromotionServiceTests.cs";
    private static readonly DateTimeOffset At = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private static readonly string[] TestLog =
    [
        "2026-11-24T03:04:01.0000000Z ##[group]Run ./test.sh",
        "2026-11-24T03:04:58.0000000Z \u001b[31;1m  Failed MlOpsDashboard.Dashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase_RebasesAndRetries [1 s]\u001b[0m",
        "2026-11-24T03:04:58.1000000Z    Assert.Equal() Failure: Values differ",
        "2026-11-24T03:04:58.2000000Z      at MlOpsDashboard.Dashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase_RebasesAndRetries() in /home/runner/work/mlops-platform/mlops-platform/Dashboard.Tests/Delivery/PromotionServiceTests.cs:line 88",
        "2026-11-24T03:05:10.0000000Z Failed!  - Failed:     1, Passed:   311, Skipped:     0, Total:   312",
        "2026-11-24T03:05:10.1000000Z ##[error]Process completed with exit code 1.",
    ];

    private FakeGitHubActions _github = null!;
    private ServiceProvider? _provider;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubActions.StartAsync();
        _github.Runs.Add(FakeGitHubActions.Run(1002, "CI", "main", "failure", At, TimeSpan.FromMinutes(6), headSha: FailingSha));
        _github.Runs.Add(FakeGitHubActions.Run(1001, "CI", "main", "success", At.AddHours(-2), TimeSpan.FromMinutes(6), headSha: GreenSha));
        _github.Jobs[1002] = [FakeGitHubActions.Job(7001, 1002, "build-test", "failure", At, ("Set up job", "success", 3), ("Build", "success", 60), ("Test", "failure", 70))];
        _github.LogArchives[1002] = RunLogArchive.CreateZip([("0_build-test.txt", string.Join('\n', TestLog)), ("build-test/3_Test.txt", string.Join('\n', TestLog))]);
    }

    public async Task DisposeAsync()
    {
        _provider?.Dispose();
        await _github.DisposeAsync();
    }

    [Fact]
    public async Task GitHubFailure_CompareAnswers_ContextListsTheCommitsAndFilesAndTheRuleCitesTheChangedTestFile()
    {
        _github.Comparisons[$"{GreenSha}...{FailingSha}"] = FakeGitHubActions.Comparison(GreenSha, FailingSha,
            [
                ("0aa11bb22cc33dd44ee55ff66aa77bb88cc99dd0", "apatel", "Docs: explain promotion retries", At.AddMinutes(-50)),
                (FailingSha, "mchen", "Promotion: read the promoted tag after a rebase\n\nThe tag was read before the rebase.", At.AddMinutes(-5)),
            ],
            [("Core/Delivery/Promotion/PromotionService.cs", "modified", 30, 4), ("README.md", "modified", 3, 1), (TestFile, "modified", 12, 2)]);

        var context = await CiSource().GetAsync("1002", CancellationToken.None);

        var changes = context!.SinceLastGreen!;
        Assert.Null(changes.Unavailable);
        Assert.Equal($"https://github.com/{FakeGitHubActions.Repository}/compare/{GreenSha}...{FailingSha}", changes.Url);
        Assert.Equal((GreenSha, FailingSha, 2, 3), (changes.Base, changes.Head, changes.TotalCommits, changes.TotalFiles));
        Assert.Equal(["Docs: explain promotion retries", "Promotion: read the promoted tag after a rebase"], changes.Commits.Select(c => c.Message));
        Assert.Equal(["apatel", "mchen"], changes.Commits.Select(c => c.Author));
        // The file the failing log names leads, then the biggest change.
        Assert.Equal([TestFile, "Core/Delivery/Promotion/PromotionService.cs", "README.md"], changes.Files.Select(f => f.Path));
        Assert.Equal(new CiFileChange { Path = TestFile, Status = "modified", Additions = 12, Deletions = 2 }, changes.Files[0]);

        var markdown = ReportMarkdown.Render(await Analyzer().AnalyzeAsync(new CapturedIncident { Domain = "ci", Ci = context }, CancellationToken.None));
        Assert.Contains($"2 commit(s) and 3 file(s) in ` a1b2c3d...f9e8d7c `. [Compare on GitHub](<{changes.Url}>)", markdown, StringComparison.Ordinal);
        Assert.Contains("- ` f9e8d7c mchen: Promotion: read the promoted tag after a rebase `", markdown, StringComparison.Ordinal);

        var top = new RulesAnalyst(TimeProvider.System).Analyze(new CapturedIncident { Domain = "ci", Ci = context }).RootCauses[0];
        Assert.Equal("ci-test-failure", top.Category);
        Assert.Contains(top.Evidence, e => e.StartsWith($"Changed since the last green run and named by the failing step: {TestFile} (modified, +12 -2) — ", StringComparison.Ordinal)
            && e.EndsWith("Dashboard.Tests/Delivery/PromotionServiceTests.cs:line 88", StringComparison.Ordinal));
        Assert.Contains(top.Evidence, e => e == "Also changed since the last green run in 2 commit(s): Core/Delivery/Promotion/PromotionService.cs, README.md");
        Assert.EndsWith($"Start with {TestFile}: changed since the last green run and named in the failing log.", top.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubFailure_CompareRefused_ContextSaysUnavailableAndTheAnalysisCompletes()
    {
        var context = await CiSource().GetAsync("1002", CancellationToken.None);

        var changes = context!.SinceLastGreen!;
        Assert.Contains("404", changes.Unavailable, StringComparison.Ordinal);
        Assert.Contains("a1b2c3d...f9e8d7c", changes.Unavailable, StringComparison.Ordinal);
        Assert.Empty(changes.Commits);
        var report = await Analyzer().AnalyzeAsync(new CapturedIncident { Domain = "ci", Ci = context }, CancellationToken.None);
        Assert.Equal("ci-test-failure", report.RootCauses[0].Category);
        Assert.Contains(report.RootCauses[0].Evidence, e => e.StartsWith("What changed since the last green run is unavailable: ", StringComparison.Ordinal));
        Assert.Contains("## Changes since the last green run (a1b2c3d4...f9e8d7c6): unavailable: ", report.Redaction.SentText, StringComparison.Ordinal);
        Assert.Contains("is unavailable: ", ReportMarkdown.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeChange_KeepsTheNewestCommitsAndTheNamedFileAndMarksBothCuts()
    {
        var source = TestRunFailedAfterGreen(FailingSha, At.AddHours(-3));
        var commits = Enumerable.Range(0, 35).Select(i => new PipelineCommit($"{i:x2}{new string('c', 38)}", "jdoe", $"Change {i}", At.AddHours(-3).AddMinutes(i * 5))).ToList();
        var files = Enumerable.Range(0, 79).Select(i => new PipelineFileChange($"src/File{i:00}.cs", "modified", 100 + i, 5)).Append(new PipelineFileChange(TestFile, "modified", 1, 1)).ToList();
        source.Comparisons[(GreenSha, FailingSha)] = new PipelineChangeSet(GreenSha, FailingSha, commits, 35, files, FilesTruncated: false);

        var context = await CiSource(source).GetAsync("2", CancellationToken.None);
        var (text, truncations) = IncidentText.Render(new CapturedIncident { Domain = "ci", Ci = context }, 48_000);

        var changes = context!.SinceLastGreen!;
        Assert.Equal(PipelineCiFailureSource.MaxCommits, changes.Commits.Count);
        Assert.Equal(["Change 15", "Change 34"], new[] { changes.Commits[0].Message, changes.Commits[^1].Message });
        Assert.Equal(PipelineCiFailureSource.MaxFiles, changes.Files.Count);
        Assert.Equal(TestFile, changes.Files[0].Path);
        Assert.Equal((35, 80), (changes.TotalCommits, changes.TotalFiles));
        Assert.Contains("Changes since the last green run: kept the newest 20 of 35 commits", truncations);
        Assert.Contains("Changes since the last green run: kept 50 of 80 files, those the log names first", truncations);
        Assert.Contains("[truncated: Changes since the last green run: kept the newest 20 of 35 commits]", text, StringComparison.Ordinal);
        Assert.Contains($"file {TestFile} (modified, +1 -1)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Change 14", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitMessageWithSecrets_RedactedInWhatWasSentAndInTheReport()
    {
        var source = TestRunFailedAfterGreen(FailingSha, At.AddHours(-3));
        source.Comparisons[(GreenSha, FailingSha)] = new PipelineChangeSet(GreenSha, FailingSha,
            [new PipelineCommit(FailingSha, "mchen", "Use token ghp_abcdefghijklmnopqrstuvwxyz0123456789 for jane.doe@example.com", At)], 1,
            [new PipelineFileChange(TestFile, "modified", 4, 0)], false);

        var context = await CiSource(source).GetAsync("2", CancellationToken.None);
        var report = await Analyzer().AnalyzeAsync(new CapturedIncident { Domain = "ci", Ci = context }, CancellationToken.None);

        var markdown = ReportMarkdown.Render(report);
        Assert.Equal("Use token [REDACTED:github-token] for [REDACTED:email]", Assert.Single(report.ChangesSinceLastGreen!.Commits).Message);
        Assert.DoesNotContain("ghp_", report.Redaction.SentText, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", markdown, StringComparison.Ordinal);
        Assert.Contains("### What changed since the last green run", markdown, StringComparison.Ordinal);
        Assert.Contains("1 commit(s) and 1 file(s) in ` a1b2c3d...f9e8d7c `", markdown, StringComparison.Ordinal);
        Assert.Contains($"| ` {TestFile} ` | modified +4 -0 |", markdown, StringComparison.Ordinal);
        Assert.Contains(report.Redaction.Masked, m => m.Kind == "github-token");
    }

    [Fact]
    public async Task GreenRunOfTheSameCommit_NothingChangedWithoutAskingTheSource()
    {
        var source = TestRunFailedAfterGreen(GreenSha, At.AddHours(-1));

        var context = await CiSource(source).GetAsync("2", CancellationToken.None);
        var top = new RulesAnalyst(TimeProvider.System).Analyze(new CapturedIncident { Domain = "ci", Ci = context }).RootCauses[0];

        Assert.Equal((0, null), (context!.SinceLastGreen!.TotalCommits, context.SinceLastGreen.Unavailable));
        Assert.Contains("Nothing changed since the last green run: it built the same commit (a flaky test or runner is likely).", top.Evidence);
    }

    [Theory]
    [InlineData(FailureCategory.TestFailure, "ci-test-failure", TestFile)]
    [InlineData(FailureCategory.Compile, "ci-compile", "Dashboard/Components/Pages/Models/Models.razor.cs")]
    [InlineData(FailureCategory.ManifestError, "ci-manifest-error", "deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml")]
    public async Task SandboxFailure_AnalysedReport_CitesTheFileItsHeadCommitChanged(FailureCategory kind, string category, string file)
    {
        var clock = new ManualClock(At);
        var scenarios = new SimulatedCiScenarios();
        var source = new SimulatedPipelineSource(clock, scenarios);
        await source.ListRunsAsync(1, CancellationToken.None);
        scenarios.FailNextRun(kind);
        var run = (await source.ListRunsAsync(1, CancellationToken.None))[0];
        clock.Advance(TimeSpan.FromHours(1));

        var context = await CiSource(source).GetAsync(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        var report = await Analyzer().AnalyzeAsync(new CapturedIncident { Domain = "ci", Ci = context }, CancellationToken.None);

        Assert.Equal(run.HeadSha, context!.SinceLastGreen!.Commits[^1].Sha);
        Assert.Equal(file, context.SinceLastGreen.Files[0].Path);
        Assert.Equal(category, report.RootCauses[0].Category);
        Assert.Contains(report.RootCauses[0].Evidence, e => e.StartsWith($"Changed since the last green run and named by the failing step: {file} (modified, ", StringComparison.Ordinal));
        Assert.Contains($"file {file} (modified, ", report.Redaction.SentText, StringComparison.Ordinal);
        Assert.Contains($"` {file} `", ReportMarkdown.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void CapturedIncidentWithChangedPaths_RuleCitesOnlyTheFileTheLogNames()
    {
        var named = IncidentSamples.Ci(
            "  Determining projects to restore...",
            "/home/runner/work/app/app/Core/Core.csproj : error NU1101: Unable to find package Octokit.Webhooks.AspNetCore.") with
        { ChangedSinceLastGreen = ["Core/Core.csproj", "README.md"] };
        var unnamed = named with { Log = ["error NU1101: Unable to find package Octokit.Webhooks.AspNetCore."] };
        var rules = new RulesAnalyst(TimeProvider.System);

        var cited = rules.Analyze(new CapturedIncident { Domain = "ci", Ci = named }).RootCauses[0];
        var notCited = rules.Analyze(new CapturedIncident { Domain = "ci", Ci = unnamed }).RootCauses[0];

        Assert.Equal("ci-dependency", cited.Category);
        Assert.Contains(cited.Evidence, e => e.StartsWith("Changed since the last green run and named by the failing step: Core/Core.csproj — ", StringComparison.Ordinal));
        Assert.Contains("Also changed since the last green run: README.md", cited.Evidence);
        Assert.True(cited.Likelihood > notCited.Likelihood);
        Assert.DoesNotContain(notCited.Evidence, e => e.Contains("named by the failing step", StringComparison.Ordinal));
        Assert.Contains("Changed since the last green run: Core/Core.csproj, README.md", notCited.Evidence);
    }

    [Theory]
    [InlineData("src/Models/Models.razor.cs(57,43): error CS1002", "src/Models/Models.razor.cs", true)]
    [InlineData("src/Models/Models.razor.cs(57,43): error CS1002", "src/Models/Models.razor", false)]
    [InlineData(@"D:\a\app\app\Core\Core.csproj : error NU1101", "Core/Core.csproj", true)]
    [InlineData("Failed MlOpsDashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase [1 s]", "tests/Delivery/PromotionServiceTests.cs", true)]
    [InlineData("Failed MlOpsDashboard.Tests.Delivery.PromotionServiceTests.Promote_StaleBase [1 s]", "src/Delivery/PromotionService.cs", false)]
    [InlineData("Unhandled exception at Program.Main", "src/Program.cs", false)]
    [InlineData("Error: bad file 'deploy/apps/web/overlays/staging/kustomization.yaml': yaml: line 12", "deploy/apps/web/overlays/staging/kustomization.yaml", true)]
    public void ChangedFileMentions_Line_NamesTheFileOnlyAsAWholeName(string line, string path, bool named) =>
        Assert.Equal(named, ChangedFileMentions.Names(line, path));

    /// <summary>Run 2 fails its Test step (at <paramref name="failingSha"/>) after green run 1 (at <see cref="GreenSha"/>).</summary>
    private static FakePipelineSource TestRunFailedAfterGreen(string failingSha, DateTimeOffset greenAt)
    {
        var source = new FakePipelineSource();
        source.Runs.Add(FakePipelineSource.Run(2, "CI", RunConclusion.Failure, At, 6, sha: failingSha));
        source.Runs.Add(FakePipelineSource.Run(1, "CI", RunConclusion.Success, greenAt, 6, sha: GreenSha));
        source.Jobs[2] = [new PipelineJob(20, 2, "build-test", "completed", RunConclusion.Failure, At, At.AddMinutes(6), [new PipelineStep(3, "Test", "completed", RunConclusion.Failure, At, At.AddMinutes(5))], "")];
        source.Logs[2] = [("build-test/3_Test.txt", string.Join('\n', TestLog))];
        return source;
    }

    private PipelineCiFailureSource CiSource(IPipelineSource? source = null)
    {
        source ??= new GitHubActionsSource(
            new GitHubOptions { Repository = FakeGitHubActions.Repository, Token = "ghp_test", ApiUrl = _github.ApiUrl.ToString() },
            (_, _) => Task.CompletedTask);
        return new PipelineCiFailureSource(source, new RunFailureReader(source), Options.Create(new GitHubOptions()), Options.Create(new IncidentsOptions()));
    }

    private IncidentAnalyzer Analyzer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddIncidentAnalysis();
        _provider = services.BuildServiceProvider();
        return _provider.GetRequiredService<IncidentAnalyzer>();
    }
}
