using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>The sandbox's commits between two simulated runs.</summary>
public sealed class SimulatedCompareTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedCiScenarios _scenarios = new();

    [Fact]
    public async Task Compare_GreenMainRunToALaterOne_CommitsOfThePushesBetweenEndingAtTheHead()
    {
        var source = new SimulatedPipelineSource(_clock, _scenarios);
        var runs = await source.ListRunsAsync(1000, CancellationToken.None);
        var ci = runs.Where(r => r.Workflow == "CI" && r.Branch == "main").OrderBy(r => r.CreatedAt).ToList();
        var (green, later) = (ci.First(r => r.Conclusion == RunConclusion.Success), ci[^1]);
        // Every commit some run built on main (pushes, and the commit each nightly training built) is one push.
        var pushesBetween = runs.Where(r => r.Branch == "main" && r.Workflow != "Triage").GroupBy(r => r.HeadSha).Select(g => g.Min(r => r.CreatedAt))
            .Count(at => at > green.CreatedAt && at <= later.CreatedAt);

        var changes = await source.CompareAsync(green.HeadSha, later.HeadSha, CancellationToken.None);

        Assert.Equal((green.HeadSha, later.HeadSha), (changes.BaseSha, changes.HeadSha));
        Assert.InRange(changes.Commits.Count, pushesBetween, pushesBetween * 3);
        Assert.Equal(changes.Commits.Count, changes.TotalCommits);
        Assert.Equal(later.HeadSha, changes.Commits[^1].Sha);
        Assert.Equal(changes.Commits.OrderBy(c => c.When).Select(c => c.Sha), changes.Commits.Select(c => c.Sha));
        Assert.All(changes.Commits, c => Assert.Matches("^[0-9a-f]{40}$", c.Sha));
        Assert.All(changes.Commits, c => Assert.InRange(c.When, green.CreatedAt.AddHours(-1), later.CreatedAt));
        Assert.Equal(changes.Commits.Count, changes.Commits.Select(c => c.Sha).Distinct().Count());
        Assert.NotEmpty(changes.Files);
        Assert.All(changes.Files, f => Assert.True(File.Exists(Path.Combine(Support.RepositoryRoot.Path, f.Path)) || f.Status == "added", f.Path));
        Assert.All(changes.Files, f => Assert.True(f.Additions > 0, f.Path));
    }

    [Theory]
    [InlineData(FailureCategory.TestFailure, "Dashboard.Tests/Delivery/PromotionServiceTests.cs")]
    [InlineData(FailureCategory.Compile, "Dashboard/Components/Pages/Models/Models.razor.cs")]
    [InlineData(FailureCategory.Dependency, "Core/Core.csproj")]
    [InlineData(FailureCategory.ManifestError, "deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml")]
    public async Task Compare_ToARunThatFailed_TheHeadCommitChangedTheFileItsLogNames(FailureCategory kind, string file)
    {
        var source = new SimulatedPipelineSource(_clock, _scenarios);
        await source.ListRunsAsync(1, CancellationToken.None);
        _scenarios.FailNextRun(kind);
        var failing = (await source.ListRunsAsync(1, CancellationToken.None))[0];
        _clock.Advance(TimeSpan.FromHours(1));
        var earlier = (await source.ListRunsAsync(1000, CancellationToken.None)).First(r => r.Workflow == failing.Workflow && r.Branch == failing.Branch && r.Conclusion == RunConclusion.Success && r.CreatedAt < failing.CreatedAt);
        var log = string.Join('\n', (await new RunFailureReader(source).ReadAsync(failing.Id, await source.ListJobsAsync(failing.Id, CancellationToken.None), CancellationToken.None)).Select(f => f.Log));

        var changes = await source.CompareAsync(earlier.HeadSha, failing.HeadSha, CancellationToken.None);

        Assert.Contains(changes.Files, f => f.Path == file);
        Assert.Contains(file, log, StringComparison.Ordinal);
        Assert.Equal(failing.HeadSha, changes.Commits[^1].Sha);
    }

    [Fact]
    public async Task Compare_SameHistoryTwice_SameChanges()
    {
        var first = new SimulatedPipelineSource(_clock, _scenarios);
        var second = new SimulatedPipelineSource(new ManualClock(Start), new SimulatedCiScenarios());
        var runs = (await first.ListRunsAsync(1000, CancellationToken.None)).Where(r => r.Workflow == "CI" && r.Branch == "main").ToList();
        Assert.Equal(runs.Select(r => r.HeadSha), (await second.ListRunsAsync(1000, CancellationToken.None)).Where(r => r.Workflow == "CI" && r.Branch == "main").Select(r => r.HeadSha));

        var a = await first.CompareAsync(runs[^1].HeadSha, runs[0].HeadSha, CancellationToken.None);
        var b = await second.CompareAsync(runs[^1].HeadSha, runs[0].HeadSha, CancellationToken.None);

        Assert.Equal(a.Commits, b.Commits);
        Assert.Equal(a.Files, b.Files);
    }

    [Fact]
    public async Task Compare_HeadBeforeBase_NoCommits()
    {
        var source = new SimulatedPipelineSource(_clock, _scenarios);
        var runs = (await source.ListRunsAsync(1000, CancellationToken.None)).Where(r => r.Workflow == "CI" && r.Branch == "main").ToList();

        var changes = await source.CompareAsync(runs[0].HeadSha, runs[^1].HeadSha, CancellationToken.None);

        Assert.Empty(changes.Commits);
        Assert.Empty(changes.Files);
    }

    [Fact]
    public async Task Compare_CommitNoRunWasAt_SaysItIsUnknown()
    {
        var source = new SimulatedPipelineSource(_clock, _scenarios);
        var head = (await source.ListRunsAsync(1, CancellationToken.None))[0].HeadSha;

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => source.CompareAsync("0000000000000000000000000000000000000000", head, CancellationToken.None));

        Assert.Contains("No commit 0000000000000000000000000000000000000000", error.Message, StringComparison.Ordinal);
    }
}
