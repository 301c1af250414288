using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Pipelines;
using Octokit;

namespace MlOpsDashboard.Core.Delivery.PullRequests;

/// <summary>
/// Opens pull requests with Octokit against GitHub:ApiUrl (github.com or an Enterprise server,
/// where Octokit adds /api/v3/). A "pull request already exists" answer is not an error: the
/// existing one is looked up and shown.
/// </summary>
public sealed class GitHubPullRequestOpener(IOptions<GitHubOptions> options, TimeProvider clock) : IPullRequestOpener
{
    public async Task<PullRequestInfo> OpenAsync(string branch, string baseBranch, string title, string body, CancellationToken cancellationToken)
    {
        var github = options.Value;
        var (owner, name) = github.OwnerAndName;
        if (owner.Length == 0 || github.Token.Length == 0)
        {
            throw new PullRequestException("Pull-request mode (Manifests:PullRequests=true) needs GitHub:Repository (owner/name) and GitHub:Token.");
        }
        var client = new GitHubClient(new ProductHeaderValue("mlops-dashboard"), new Uri(github.ApiUrl)) { Credentials = new Credentials(github.Token) };
        try
        {
            var created = await client.PullRequest.Create(owner, name, new NewPullRequest(title, branch, baseBranch) { Body = body });
            return Info(created, alreadyExisted: false);
        }
        catch (ApiValidationException e) when (e.ApiError?.Errors?.Any(x => x.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true) == true)
        {
            var existing = await client.PullRequest.GetAllForRepository(owner, name, new PullRequestRequest { Head = $"{owner}:{branch}", State = ItemStateFilter.All });
            return existing.Count > 0
                ? Info(existing[0], alreadyExisted: true)
                : throw new PullRequestException($"GitHub says a pull request for {branch} already exists but lists none: {Describe(e)}", e);
        }
        catch (RateLimitExceededException e)
        {
            var wait = e.Reset - clock.GetUtcNow();
            throw new PullRequestException($"GitHub's rate limit is used up ({e.Limit} requests); it resets at {e.Reset:HH:mm:ss} UTC, in {Math.Max(0, (int)Math.Ceiling(wait.TotalMinutes))} min.", e);
        }
        catch (AuthorizationException e)
        {
            throw new PullRequestException($"GitHub refused the token ({Describe(e)}); check GitHub:Token has pull-request write access to {github.Repository}.", e);
        }
        catch (ApiException e) when ((int)e.StatusCode == 429)
        {
            var retryAfter = e.HttpResponse?.Headers.TryGetValue("Retry-After", out var value) == true ? $" Retry after {value} s." : "";
            throw new PullRequestException($"GitHub is rate limiting requests (429 Too Many Requests).{retryAfter}", e);
        }
        catch (ApiException e)
        {
            throw new PullRequestException($"GitHub answered {(int)e.StatusCode}: {Describe(e)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new PullRequestException($"GitHub at {github.ApiUrl} could not be reached: {e.Message}", e);
        }
    }

    private static PullRequestInfo Info(PullRequest pr, bool alreadyExisted) =>
        new(pr.Number, pr.HtmlUrl, pr.Merged ? "merged" : pr.State.StringValue, alreadyExisted);

    private static string Describe(ApiException e) =>
        e.ApiError?.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Select(x => x.Message ?? x.Code)) : e.ApiError?.Message ?? e.Message;
}
