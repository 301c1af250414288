using Microsoft.Extensions.Options;
using Octokit;

namespace MlOpsDashboard.Core.Pipelines.GitHub;

/// <summary>
/// GitHub Actions runs, jobs and log archives through Octokit, paging explicitly (page size
/// <see cref="PageSize"/>) so a long history costs only the pages the page shows, and waiting
/// out rate limits as GitHub asks (<see cref="GitHubRateLimitRetry"/>).
/// </summary>
public sealed class GitHubActionsSource : IPipelineSource
{
    public const int PageSize = 50;
    public const int CompareCommitLimit = 250;
    public const int CompareFileLimit = 300;
    private const int MaxAttempts = 3;

    private readonly GitHubClient _client;
    private readonly string _owner;
    private readonly string _name;
    private readonly GitHubRateLimitRetry _retry;

    public GitHubActionsSource(IOptions<GitHubOptions> options, TimeProvider clock)
        : this(options.Value, (wait, token) => Task.Delay(wait, clock, token))
    {
    }

    /// <summary>Tests pass their own delay to see the waits GitHub asked for without sleeping through them.</summary>
    internal GitHubActionsSource(GitHubOptions options, Func<TimeSpan, CancellationToken, Task> delay, int pageSize = PageSize)
    {
        (_owner, _name) = options.OwnerAndName;
        _client = new GitHubClient(new ProductHeaderValue("mlops-dashboard"), new Uri(options.ApiUrl));
        if (options.Token.Length > 0)
        {
            _client.Credentials = new Credentials(options.Token);
        }
        _retry = new GitHubRateLimitRetry(TimeSpan.FromSeconds(options.MaxRetryWaitSeconds), MaxAttempts, delay);
        PageSizeInUse = pageSize;
        Description = $"GitHub Actions · {options.Repository}";
    }

    internal int PageSizeInUse { get; }

    public string Description { get; }

    public bool IsSimulated => false;

    public async Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        var runs = new List<PipelineRun>();
        for (var page = 1; runs.Count < limit; page++)
        {
            var options = new ApiOptions { PageSize = PageSizeInUse, PageCount = 1, StartPage = page };
            var response = await _retry.RunAsync("workflow runs", () => _client.Actions.Workflows.Runs.List(_owner, _name, new WorkflowRunsRequest(), options), cancellationToken);
            runs.AddRange(response.WorkflowRuns.Select(ToRun));
            if (response.WorkflowRuns.Count < PageSizeInUse || runs.Count >= response.TotalCount)
            {
                break;
            }
        }
        return runs.Count > limit ? runs[..limit] : runs;
    }

    public async Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken)
    {
        var jobs = new List<PipelineJob>();
        for (var page = 1; ; page++)
        {
            var options = new ApiOptions { PageSize = PageSizeInUse, PageCount = 1, StartPage = page };
            var response = await _retry.RunAsync($"jobs of run {runId}", () => _client.Actions.Workflows.Jobs.List(_owner, _name, runId, new WorkflowRunJobsRequest(), options), cancellationToken);
            jobs.AddRange(response.Jobs.Select(ToJob));
            if (response.Jobs.Count < PageSizeInUse || jobs.Count >= response.TotalCount)
            {
                return jobs;
            }
        }
    }

    /// <summary>GitHub answers with a redirect to the zip; Octokit follows it.</summary>
    public async Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken)
    {
        var zip = await _retry.RunAsync($"the log archive of run {runId}", () => _client.Actions.Workflows.Runs.GetLogs(_owner, _name, runId), cancellationToken);
        return RunLogArchive.FromZip(zip);
    }

    /// <summary>
    /// One request: GitHub lists at most <see cref="CompareCommitLimit"/> commits and
    /// <see cref="CompareFileLimit"/> files in a comparison; more is marked as truncated rather
    /// than paged through, since an analysis keeps far fewer.
    /// </summary>
    public async Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken)
    {
        var result = await _retry.RunAsync($"comparison {PipelineChangeSet.Range(baseSha, headSha)}", () => _client.Repository.Commit.Compare(_owner, _name, baseSha, headSha), cancellationToken, permission: "contents:read");
        var commits = (result.Commits ?? []).Select(ToCommit).ToList();
        var files = (result.Files ?? []).Select(f => new PipelineFileChange(f.Filename ?? "", f.Status ?? "", f.Additions, f.Deletions, string.IsNullOrEmpty(f.PreviousFileName) ? null : f.PreviousFileName)).ToList();
        return new PipelineChangeSet(baseSha, headSha, commits, Math.Max(result.TotalCommits, commits.Count), files, files.Count >= CompareFileLimit, result.HtmlUrl);
    }

    private static PipelineCommit ToCommit(GitHubCommit commit) => new(
        commit.Sha ?? "",
        commit.Author?.Login ?? commit.Commit?.Author?.Name ?? "",
        (commit.Commit?.Message ?? "").Split('\n', 2)[0].TrimEnd('\r'),
        commit.Commit?.Author?.Date ?? commit.Commit?.Committer?.Date ?? default);

    private static PipelineRun ToRun(WorkflowRun run) => new(
        run.Id,
        run.Name ?? run.Path ?? "",
        run.RunNumber,
        run.HeadBranch ?? "",
        run.HeadSha ?? "",
        run.Event ?? "",
        run.Actor?.Login ?? run.TriggeringActor?.Login ?? "",
        run.DisplayTitle ?? "",
        run.Status.StringValue ?? "",
        RunConclusions.Parse(run.Conclusion?.StringValue),
        run.CreatedAt,
        run.RunStartedAt == default ? null : run.RunStartedAt,
        run.UpdatedAt,
        run.HtmlUrl ?? "");

    private static PipelineJob ToJob(WorkflowJob job) => new(
        job.Id,
        job.RunId,
        job.Name ?? "",
        job.Status.StringValue ?? "",
        RunConclusions.Parse(job.Conclusion?.StringValue),
        job.StartedAt == default ? null : job.StartedAt,
        job.CompletedAt,
        [.. (job.Steps ?? []).Select(s => new PipelineStep(s.Number, s.Name ?? "", s.Status.StringValue ?? "", RunConclusions.Parse(s.Conclusion?.StringValue), s.StartedAt, s.CompletedAt))],
        job.HtmlUrl ?? "");
}
