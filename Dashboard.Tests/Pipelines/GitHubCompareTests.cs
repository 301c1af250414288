using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.GitHub;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>GitHub's compare endpoint through Octokit, against the loopback fake.</summary>
public sealed class GitHubCompareTests : IAsyncLifetime
{
    private const string Green = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Failing = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly List<TimeSpan> _waits = [];
    private FakeGitHubActions _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubActions.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private GitHubActionsSource Source() => new(
        new GitHubOptions { Repository = FakeGitHubActions.Repository, Token = "ghp_test", ApiUrl = _github.ApiUrl.ToString(), MaxRetryWaitSeconds = 30 },
        (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Compare_TwoCommitsAhead_MapsCommitsOldestFirstAndFilesWithLineCounts()
    {
        _github.Comparisons[$"{Green}...{Failing}"] = FakeGitHubActions.Comparison(Green, Failing,
            [
                ("3333333ccccccccccccccccccccccccccccccccc", "apatel", "Promotion: keep comments\n\nLonger explanation of the change.", At),
                (Failing, "mchen", "Promotion: read the promoted tag after a rebase", At.AddMinutes(20)),
            ],
            [
                ("Core/Delivery/Promotion/PromotionService.cs", "modified", 14, 3),
                ("Dashboard.Tests/Delivery/PromotionServiceTests.cs", "modified", 22, 0),
                ("Core/Delivery/Promotion/TagReader.cs", "added", 40, 0),
            ]);

        var changes = await Source().CompareAsync(Green, Failing, CancellationToken.None);

        Assert.Contains(_github.Requests, r => r == $"/api/v3/repos/octo-org/mlops-platform/compare/{Green}...{Failing}");
        Assert.Equal((Green, Failing, 2, false, false), (changes.BaseSha, changes.HeadSha, changes.TotalCommits, changes.CommitsTruncated, changes.FilesTruncated));
        Assert.Equal(["3333333", "2222222"], changes.Commits.Select(c => c.ShortSha));
        Assert.Equal(new PipelineCommit("3333333ccccccccccccccccccccccccccccccccc", "apatel", "Promotion: keep comments", At), changes.Commits[0]);
        Assert.Equal(new PipelineFileChange("Core/Delivery/Promotion/TagReader.cs", "added", 40, 0), changes.Files[2]);
        Assert.Equal($"https://github.com/{FakeGitHubActions.Repository}/compare/{Green}...{Failing}", changes.HtmlUrl);
    }

    [Fact]
    public async Task Compare_MoreThanGitHubLists_MarksCommitsAndFilesTruncated()
    {
        var files = Enumerable.Range(0, GitHubActionsSource.CompareFileLimit).Select(i => ($"src/File{i}.cs", "modified", 1, 1)).ToArray();
        _github.Comparisons[$"{Green}...{Failing}"] = FakeGitHubActions.Comparison(Green, Failing, [(Failing, "mchen", "Big merge", At)], files, totalCommits: 412);

        var changes = await Source().CompareAsync(Green, Failing, CancellationToken.None);

        Assert.Equal(412, changes.TotalCommits);
        Assert.True(changes.CommitsTruncated);
        Assert.True(changes.FilesTruncated);
        Assert.Equal(GitHubActionsSource.CompareFileLimit, changes.Files.Count);
    }

    [Fact]
    public async Task Compare_CommitGitHubDoesNotHave_SaysSoWithTheRange()
    {
        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => Source().CompareAsync(Green, Failing, CancellationToken.None));

        Assert.Contains("1111111...2222222", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("contents:read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_NotConfigured_SaysWhatToConfigure()
    {
        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => new NotConfiguredPipelineSource().CompareAsync(Green, Failing, CancellationToken.None));

        Assert.Equal(NotConfiguredPipelineSource.Problem, error.Message);
    }

    [Fact]
    public async Task Compare_429ThenAnswer_WaitsAsAskedAndReturnsTheChanges()
    {
        _github.Comparisons[$"{Green}...{Failing}"] = FakeGitHubActions.Comparison(Green, Failing, [(Failing, "mchen", "Fix", At)], [("README.md", "modified", 1, 0)]);
        _github.RefuseNext(429, "Too many requests", ("Retry-After", "4"));

        var changes = await Source().CompareAsync(Green, Failing, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(4)], _waits);
        Assert.Equal("README.md", Assert.Single(changes.Files).Path);
    }
}
