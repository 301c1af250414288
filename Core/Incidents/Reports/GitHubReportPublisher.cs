using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Pipelines;
using Octokit;

namespace MlOpsDashboard.Core.Incidents.Reports;

public sealed class GitHubNotConfiguredException() : Exception("GitHub is not configured: set GitHub:Repository (owner/name) and GitHub:Token.");

/// <summary>Posts a report to GitHub as an issue or a commit comment, only when an operator clicks.</summary>
public sealed class GitHubReportPublisher(IOptions<GitHubOptions> options)
{
    public bool IsConfigured => options.Value.OwnerAndName.Owner.Length > 0 && options.Value.Token.Length > 0;

    public async Task<string> OpenIssueAsync(StoredAnalysis analysis, string requestedBy)
    {
        var (owner, name) = Repository();
        var issue = new NewIssue($"[{analysis.Report.Urgency}] {Cut(analysis.Report.RootCauses.FirstOrDefault()?.Title ?? analysis.Report.Summary, 200)}")
        {
            Body = ReportMarkdown.Render(analysis.Report, $"Analysis #{analysis.Id} ({analysis.Trigger}: {analysis.TriggerDetail})") + $"\nOpened by {requestedBy}.\n",
        };
        issue.Labels.Add("incident");
        var created = await Client().Issue.Create(owner, name, issue);
        return created.HtmlUrl;
    }

    public async Task<string> CommentOnCommitAsync(StoredAnalysis analysis, string sha, string requestedBy)
    {
        var (owner, name) = Repository();
        var body = ReportMarkdown.Render(analysis.Report, $"Analysis #{analysis.Id}") + $"\nPosted by {requestedBy}.\n";
        var comment = await Client().Repository.Comment.Create(owner, name, sha, new NewCommitComment(body));
        return comment.HtmlUrl;
    }

    private (string Owner, string Name) Repository() => IsConfigured ? options.Value.OwnerAndName : throw new GitHubNotConfiguredException();

    private GitHubClient Client() => new(new ProductHeaderValue("mlops-dashboard"), new Uri(options.Value.ApiUrl))
    {
        Credentials = new Credentials(options.Value.Token),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
