using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class SharedRunListTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private readonly CountingSource _source = new();
    private readonly FixedClock _clock = new(Start);

    public SharedRunListTests()
    {
        for (var i = 1; i <= 30; i++)
        {
            _source.Fake.Runs.Add(FakePipelineSource.Run(i, "CI", RunConclusion.Success, Start.AddMinutes(-i), 5));
        }
    }

    [Fact]
    public async Task ManyCallersWithinFreshness_ShareOneRead()
    {
        var shared = new SharedRunList(_source, _clock);

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shared.ListRunsAsync(20, CancellationToken.None)));
        _clock.Now += SharedRunList.Freshness / 2;
        var smaller = await shared.ListRunsAsync(10, CancellationToken.None);

        Assert.Equal(1, _source.RunReads);
        Assert.All(pages, p => Assert.Equal(20, p.Count));
        Assert.Equal(pages[0].Take(10).Select(r => r.Id), smaller.Select(r => r.Id));
    }

    [Fact]
    public async Task StaleOrLargerRequest_ReadsAgain()
    {
        var shared = new SharedRunList(_source, _clock);

        await shared.ListRunsAsync(10, CancellationToken.None);
        var larger = await shared.ListRunsAsync(25, CancellationToken.None);
        _clock.Now += SharedRunList.Freshness;
        await shared.ListRunsAsync(10, CancellationToken.None);

        Assert.Equal(25, larger.Count);
        Assert.Equal(3, _source.RunReads);
    }

    [Fact]
    public async Task FailedRead_IsNotKept()
    {
        var shared = new SharedRunList(_source, _clock);
        _source.Fake.Failure = "GitHub answered 502";

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => shared.ListRunsAsync(10, CancellationToken.None));
        _source.Fake.Failure = null;
        var runs = await shared.ListRunsAsync(10, CancellationToken.None);

        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, runs.Count);
        Assert.Equal(2, _source.RunReads);
    }

    [Fact]
    public async Task Compare_SamePairAskedAgainLater_AsksTheSourceOnceAndPassesTheChangesThrough()
    {
        var shared = new SharedRunList(_source, _clock);
        var changes = new PipelineChangeSet("aaa1111", "bbb2222", [new PipelineCommit("bbb2222", "mchen", "Fix the build", Start)], 1, [new PipelineFileChange("Core/Core.csproj", "modified", 2, 1)], false);
        _source.Fake.Comparisons[("aaa1111", "bbb2222")] = changes;

        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => shared.CompareAsync("aaa1111", "bbb2222", CancellationToken.None)));
        _clock.Now += TimeSpan.FromHours(5);
        var later = await shared.CompareAsync("aaa1111", "bbb2222", CancellationToken.None);

        Assert.Equal(1, _source.Compares);
        Assert.All(first, c => Assert.Same(changes, c));
        Assert.Same(changes, later);
    }

    [Fact]
    public async Task Compare_FailedOrOtherPair_AsksAgain()
    {
        var shared = new SharedRunList(_source, _clock);

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => shared.CompareAsync("aaa1111", "ccc3333", CancellationToken.None));
        _source.Fake.Comparisons[("aaa1111", "ccc3333")] = new PipelineChangeSet("aaa1111", "ccc3333", [], 0, [], false);
        var retried = await shared.CompareAsync("aaa1111", "ccc3333", CancellationToken.None);
        _source.Fake.Comparisons[("bbb2222", "ccc3333")] = new PipelineChangeSet("bbb2222", "ccc3333", [], 0, [], false);
        await shared.CompareAsync("bbb2222", "ccc3333", CancellationToken.None);

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Equal("ccc3333", retried.HeadSha);
        Assert.Equal(3, _source.Compares);
    }

    [Fact]
    public async Task Compare_MorePairsThanKept_ForgetsTheOldestOnly()
    {
        var shared = new SharedRunList(_source, _clock);
        for (var i = 0; i <= SharedRunList.ComparisonsKept; i++)
        {
            _source.Fake.Comparisons[("base", $"head{i}")] = new PipelineChangeSet("base", $"head{i}", [], 0, [], false);
            await shared.CompareAsync("base", $"head{i}", CancellationToken.None);
        }

        await shared.CompareAsync("base", $"head{SharedRunList.ComparisonsKept}", CancellationToken.None);
        await shared.CompareAsync("base", "head1", CancellationToken.None);
        await shared.CompareAsync("base", "head0", CancellationToken.None);

        Assert.Equal(SharedRunList.ComparisonsKept + 2, _source.Compares);
    }

    private sealed class CountingSource : IPipelineSource
    {
        private int _runReads;
        private int _compares;

        public FakePipelineSource Fake { get; } = new();

        public int RunReads => _runReads;

        public int Compares => _compares;

        public string Description => Fake.Description;

        public bool IsSimulated => false;

        public async Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runReads);
            await Task.Yield();
            return await Fake.ListRunsAsync(limit, cancellationToken);
        }

        public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken) => Fake.ListJobsAsync(runId, cancellationToken);

        public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken) => Fake.GetLogsAsync(runId, cancellationToken);

        public async Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _compares);
            await Task.Yield();
            return await Fake.CompareAsync(baseSha, headSha, cancellationToken);
        }
    }
}
