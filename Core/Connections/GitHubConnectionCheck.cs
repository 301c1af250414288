using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Pipelines;
using Octokit;

namespace MlOpsDashboard.Core.Connections;

internal sealed class GitHubConnectionCheck(IOptions<GitHubOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var github = options.Value;
        if (github.Repository.Length == 0)
        {
            return ConnectionResults.NotConfigured("Set GitHub:Repository (owner/name) and GitHub:Token (a token that can read Actions and write pull requests).");
        }
        try
        {
            var client = new GitHubClient(new ProductHeaderValue("mlops-dashboard"), new Uri(github.ApiUrl));
            if (github.Token.Length > 0)
            {
                client.Credentials = new Credentials(github.Token);
            }
            var (owner, name) = github.OwnerAndName;
            var repository = await client.Repository.Get(owner, name).WaitAsync(cancellationToken);
            return ConnectionResults.Connected($"{repository.FullName}, default branch {repository.DefaultBranch}");
        }
        catch (ApiException e)
        {
            var hint = e.StatusCode switch
            {
                System.Net.HttpStatusCode.Unauthorized => "GitHub:Token is not accepted.",
                System.Net.HttpStatusCode.NotFound => "Check GitHub:Repository, and that GitHub:Token can see it.",
                _ => "Check GitHub:ApiUrl and GitHub:Token.",
            };
            return ConnectionResults.Unreachable($"{(int)e.StatusCode} {e.Message}", hint);
        }
        catch (HttpRequestException e)
        {
            return ConnectionResults.Unreachable(e.Message, "Check GitHub:ApiUrl and the network path to it.");
        }
    }
}
