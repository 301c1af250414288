using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Core.Pipelines;
using static MlOpsDashboard.Dashboard.Tests.Delivery.DeliveryHarness;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

public sealed class PullRequestModeTests : IAsyncLifetime
{
    private FakeGitHub _github = null!;
    private DeliveryHarness _delivery = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHub.StartAsync();
        _delivery = new DeliveryHarness(pullRequests: true, new GitHubOptions { Repository = "octo-org/mlops-manifests", Token = "ghp_test_token", ApiUrl = _github.ApiUrl.ToString() });
    }

    public async Task DisposeAsync()
    {
        _delivery.Dispose();
        await _github.DisposeAsync();
    }

    private async Task<DeliveryResult> PromoteAsync()
    {
        var plan = await _delivery.Promotions.PlanAsync(new PromotionRequest(Production, ImageTag: "1.4.0"));
        return await _delivery.Promotions.PromoteAsync(plan, "needs review by the model owner", _delivery.Alice);
    }

    [Fact]
    public async Task Promote_PullRequestMode_PushesBranchOpensPullRequestLeavesMainAlone()
    {
        var main = _delivery.Remote.Tip();

        var result = await PromoteAsync();

        Assert.Equal(DeliveryOutcome.PullRequestOpened, result.Outcome);
        Assert.Equal("https://github.example.com/octo-org/mlops-manifests/pull/42", result.PullRequestUrl);
        Assert.Equal("open", result.PullRequestState);
        Assert.Equal(main, _delivery.Remote.Tip());
        var request = Assert.Single(_github.Requests);
        Assert.Equal("/api/v3/repos/octo-org/mlops-manifests/pulls", request.Path);
        Assert.Equal("Token ghp_test_token", request.Authorization);
        var branch = request.Body!["head"]!.GetValue<string>();
        Assert.StartsWith("mlops-dashboard/promote-model-serving-production-", branch);
        Assert.Equal("main", request.Body["base"]!.GetValue<string>());
        Assert.Equal($"Promote {Production}: image ghcr.io/example/model-serving 1.3.2 → 1.4.0", request.Body["title"]!.GetValue<string>());
        Assert.Contains("Reason: needs review by the model owner", request.Body["body"]!.GetValue<string>());
        using var bare = new LibGit2Sharp.Repository(_delivery.Remote.BarePath);
        Assert.Equal(result.CommitSha, bare.Branches[branch].Tip.Sha);
        Assert.Equal(main, bare.Branches[branch].Tip.Parents.Single().Sha);
        var entry = Assert.Single(await _delivery.Audit.QueryAsync(new AuditQuery()));
        Assert.Equal((AuditOutcome.PullRequestOpened, result.PullRequestUrl), (entry.Outcome, entry.PullRequestUrl));
    }

    [Fact]
    public async Task Promote_GitHubSays422AlreadyExists_ShowsTheExistingPullRequest()
    {
        _github.Mode = FakeGitHub.Answer.AlreadyExists;

        var result = await PromoteAsync();

        Assert.Equal(DeliveryOutcome.PullRequestOpened, result.Outcome);
        Assert.Contains("already exists", result.Message);
        Assert.Equal("https://github.example.com/octo-org/mlops-manifests/pull/41", result.PullRequestUrl);
        var lookup = _github.Requests.Last();
        Assert.Equal("GET", lookup.Method);
        Assert.Contains("head=octo-org%3Amlops-dashboard%2Fpromote-model-serving-production-", lookup.Path);
    }

    [Fact]
    public async Task Promote_RateLimited403_FailsSayingWhenItResetsAndKeepsTheBranch()
    {
        _github.Mode = FakeGitHub.Answer.RateLimited;

        var result = await PromoteAsync();

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Contains("rate limit is used up (5000 requests)", result.Message);
        Assert.Contains($"resets at {_github.RateLimitReset.UtcDateTime:HH:mm:ss} UTC", result.Message);
        Assert.Contains("was pushed", result.Message);
        Assert.NotNull(result.CommitSha);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(await _delivery.Audit.QueryAsync(new AuditQuery())).Outcome);
    }

    [Fact]
    public async Task Promote_SecondaryRateLimit429_FailsWithRetryAfter()
    {
        _github.Mode = FakeGitHub.Answer.TooManyRequests;

        var result = await PromoteAsync();

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.Contains("rate limiting", result.Message);
        Assert.Contains("60", result.Message);
    }
}
