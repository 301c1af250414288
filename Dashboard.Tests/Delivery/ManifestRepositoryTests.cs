using MlOpsDashboard.Core.Delivery;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class ManifestRepositoryTests : IDisposable
{
    private const string Production = "deploy/apps/model-serving/overlays/production/kustomization.yaml";
    private const string Staging = "deploy/apps/model-serving/overlays/staging/kustomization.yaml";
    private readonly ManifestRemote _remote = new();

    public void Dispose() => _remote.Dispose();

    private static CommitRequest Append(string path, string line, string message = "Append a line") =>
        new(message, CommitAuthor.ForUser("alice"), tip => [new PutFile(path, tip.ReadFile(path) + line + "\n")]);

    [Fact]
    public async Task Commit_OnCleanRemote_LandsOnMainWithUserAsAuthor()
    {
        var repository = _remote.Client();
        var before = _remote.Tip();

        var outcome = await repository.CommitAsync(Append(Production, "# reviewed"));

        Assert.Equal(outcome.Sha, _remote.Tip());
        Assert.Equal(before, outcome.BaseSha);
        Assert.Equal(1, outcome.Attempts);
        Assert.Contains("+# reviewed", outcome.Diff);
        _remote.CommitInfo(outcome.Sha!, c => $"{c.Author.Name} <{c.Author.Email}> / {c.Committer.Name}", out var people);
        Assert.Equal("alice <alice@mlops-dashboard.local> / MLOps Dashboard", people);
        Assert.EndsWith("# reviewed\n", _remote.FileAt(outcome.Sha!, Production));
    }

    [Fact]
    public async Task Commit_EditsChangeNothing_MakesNoCommit()
    {
        var repository = _remote.Client();
        var before = _remote.Tip();

        var outcome = await repository.CommitAsync(new CommitRequest("Nothing", CommitAuthor.ForUser("alice"), tip => [new PutFile(Production, tip.ReadFile(Production)!)]));

        Assert.True(outcome.NoChange);
        Assert.Equal("", outcome.Diff);
        Assert.Equal(before, _remote.Tip());
    }

    [Fact]
    public async Task Commit_BranchMovesBetweenPlanAndPush_RetriesOnNewTipAndKeepsTheOtherCommit()
    {
        var repository = _remote.Client();
        string? outside = null;
        var calls = 0;
        var request = new CommitRequest("Mine", CommitAuthor.ForUser("alice"), tip =>
        {
            calls++;
            // Someone pushes while our first commit is being built: our push must be refused, not forced.
            outside ??= _remote.PushOutsideChange(Staging, text => text + "# theirs\n", "Theirs");
            return [new PutFile(Production, tip.ReadFile(Production) + "# mine\n")];
        });

        var outcome = await repository.CommitAsync(request);

        Assert.Equal(2, outcome.Attempts);
        Assert.Equal(2, calls);
        Assert.Equal(outside, outcome.BaseSha);
        Assert.Equal(outcome.Sha, _remote.Tip());
        Assert.True(_remote.IsAncestorOfTip(outside!));
        Assert.EndsWith("# theirs\n", _remote.FileAt(outcome.Sha!, Staging));
        Assert.All(_remote.BranchUpdates(), u => Assert.True(_remote.Descends(u.To, u.From), $"{u.From} -> {u.To} rewound the branch"));
    }

    [Fact]
    public async Task Commit_BranchKeepsMoving_StopsAfterConfiguredAttemptsWithoutForcing()
    {
        var repository = _remote.Client(pushAttempts: 3);
        var outsiders = new List<string>();
        var request = new CommitRequest("Mine", CommitAuthor.ForUser("alice"), tip =>
        {
            outsiders.Add(_remote.PushOutsideChange(Staging, text => text + $"# theirs {outsiders.Count}\n"));
            return [new PutFile(Production, tip.ReadFile(Production) + "# mine\n")];
        });

        var conflict = await Assert.ThrowsAsync<DeliveryConflictException>(() => repository.CommitAsync(request));

        Assert.Contains("3 pushes", conflict.Message);
        Assert.Equal(3, outsiders.Count);
        Assert.Equal(outsiders[^1], _remote.Tip());
        Assert.DoesNotContain("# mine", _remote.FileAt(_remote.Tip(), Production));
        Assert.All(_remote.BranchUpdates(), u => Assert.True(_remote.Descends(u.To, u.From), $"{u.From} -> {u.To} rewound the branch"));
    }

    [Fact]
    public async Task Commit_TwoDashboardsRacing_BothLandAndHistoryOnlyMovesForward()
    {
        var first = _remote.Client();
        var second = _remote.Client();
        await Task.WhenAll(first.FetchAsync(), second.FetchAsync());

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.CommitAsync(Append(Production, "# first", "First"))),
            Task.Run(() => second.CommitAsync(Append(Staging, "# second", "Second"))));

        Assert.All(outcomes, o => Assert.True(_remote.IsAncestorOfTip(o.Sha!), $"{o.Sha} was lost"));
        Assert.EndsWith("# first\n", _remote.FileAt(_remote.Tip(), Production));
        Assert.EndsWith("# second\n", _remote.FileAt(_remote.Tip(), Staging));
        var updates = _remote.BranchUpdates();
        Assert.True(updates.Count >= 2, $"reflog has {updates.Count} entries");
        Assert.All(updates, u => Assert.True(_remote.Descends(u.To, u.From), $"{u.From} -> {u.To} rewound the branch; reflog: {string.Join(" | ", updates.Select(x => $"{x.From[..7]}->{x.To[..7]}"))}"));
    }

    [Fact]
    public async Task ReadAndHistory_AfterTwoCommits_ReadsOldRevisionAndListsOnlyCommitsTouchingPath()
    {
        var repository = _remote.Client();
        var seed = await repository.FetchAsync();
        var production = await repository.CommitAsync(Append(Production, "# one", "Production change"));
        await repository.CommitAsync(Append(Staging, "# two", "Staging change"));
        await repository.FetchAsync();

        var old = await repository.ReadAsync(seed, s => s.ReadFile(Production));
        var history = await repository.HistoryAsync("deploy/apps/model-serving/overlays/production", 10);
        var missing = await repository.ReadAsync(null, s => s.ReadFile("deploy/nothing-here.yaml"));

        Assert.DoesNotContain("# one", old);
        Assert.Equal(["Production change", "Seed the platform's GitOps tree"], history.Select(c => c.Subject));
        Assert.Equal(production.Sha, history[0].Sha);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Fetch_BranchMissing_ClearError()
    {
        var repository = _remote.Client();
        var other = _remote.Client(branch: "release");

        var error = await Assert.ThrowsAsync<ManifestRepositoryException>(() => other.FetchAsync());

        Assert.Contains("release", error.Message);
        Assert.NotEmpty(await repository.FetchAsync());
    }
}
