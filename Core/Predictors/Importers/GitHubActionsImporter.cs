using Octokit;
using MlOpsDashboard.Core.Predictors.Features;

namespace MlOpsDashboard.Core.Predictors.Importers;

/// <summary>
/// Builds the feature set from a GitHub repository's own Actions history: completed workflow runs
/// (oldest first), their jobs, durations and conclusions, and the changed files of each run's
/// head commit. History features (previous outcome, failure ratios, streaks) are computed here
/// in time order, so a run only ever sees runs before it. A rate-limit answer waits for the reset
/// (up to <see cref="MaxRateLimitWait"/>) and retries; longer waits fail with a clear message.
/// </summary>
public sealed class GitHubActionsImporter(IGitHubClient client, TimeProvider clock)
{
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);
    public int PageSize { get; init; } = 100;

    public async Task<IReadOnlyList<BuildExample>> ImportAsync(string owner, string repository, int maxRuns, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var repo = await Retry(() => client.Repository.Get(owner, repository), cancellationToken);
        var runs = new List<WorkflowRun>();
        for (var page = 1; runs.Count < maxRuns; page++)
        {
            var options = new ApiOptions { PageSize = PageSize, PageCount = 1, StartPage = page };
            var response = await Retry(() => client.Actions.Workflows.Runs.List(owner, repository, new WorkflowRunsRequest { Status = CheckRunStatusFilter.Completed }, options), cancellationToken);
            runs.AddRange(response.WorkflowRuns);
            progress?.Report($"github: {runs.Count} of {response.TotalCount} workflow runs listed");
            if (response.WorkflowRuns.Count < PageSize || runs.Count >= response.TotalCount)
            {
                break;
            }
        }
        var usable = runs
            .Where(r => r.Conclusion is { } c && (c.Value == WorkflowRunConclusion.Success || c.Value == WorkflowRunConclusion.Failure))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(maxRuns)
            .ToList();
        var history = new RunHistory();
        var examples = new List<BuildExample>(usable.Count);
        foreach (var run in usable)
        {
            var commit = await Retry(() => client.Repository.Commit.Get(owner, repository, run.HeadSha), cancellationToken);
            var jobs = await Retry(() => client.Actions.Workflows.Jobs.List(owner, repository, run.Id), cancellationToken);
            var failed = run.Conclusion!.Value.Value == WorkflowRunConclusion.Failure;
            var duration = Duration(run, jobs.Jobs);
            examples.Add(new BuildExample($"{owner}/{repository}", run.Id, history.Describe(run, commit, repo.DefaultBranch), failed, duration));
            history.Add(failed, duration, jobs.Jobs);
            if (examples.Count % 20 == 0)
            {
                progress?.Report($"github: {examples.Count} of {usable.Count} runs described");
            }
        }
        return examples;
    }

    private static double Duration(WorkflowRun run, IReadOnlyList<WorkflowJob> jobs)
    {
        var timed = jobs.Where(j => j.CompletedAt is not null).ToList();
        if (timed.Count > 0)
        {
            return Math.Max(0, (timed.Max(j => j.CompletedAt!.Value) - timed.Min(j => j.StartedAt)).TotalSeconds);
        }
        return Math.Max(0, (run.UpdatedAt - run.RunStartedAt).TotalSeconds);
    }

    private async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RateLimitExceededException e)
            {
                var wait = e.Reset - clock.GetUtcNow();
                if (wait > MaxRateLimitWait)
                {
                    throw new InvalidOperationException($"GitHub's API rate limit is used up until {e.Reset:u}; try again then or use a token with a higher limit.", e);
                }
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100), clock, cancellationToken);
            }
        }
    }

    /// <summary>The running history of earlier runs that turns one run into canonical features.</summary>
    private sealed class RunHistory
    {
        private readonly List<bool> _outcomes = [];
        private double _previousDuration;
        private readonly List<double> _passedDurations = [];
        private int _previousFailedTestJobs;
        private int _previousFailedOtherJobs;

        public BuildFeatures Describe(WorkflowRun run, GitHubCommit commit, string defaultBranch)
        {
            var files = commit.Files ?? [];
            bool IsTest(string f) => f.Contains("test", StringComparison.OrdinalIgnoreCase);
            bool IsDoc(string f) => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.StartsWith("docs/", StringComparison.OrdinalIgnoreCase);
            bool IsConfig(string f) => f.StartsWith(".github/", StringComparison.Ordinal) || Path.GetExtension(f).ToLowerInvariant() is ".yml" or ".yaml" or ".json" or ".props" or ".targets" or ".csproj" or ".gradle" or ".xml" or ".toml" or ".lock";
            bool IsSource(string f) => !IsTest(f) && !IsDoc(f) && !IsConfig(f);
            var streak = _outcomes.AsEnumerable().Reverse().TakeWhile(f => f).Count();
            var sinceFailure = _outcomes.AsEnumerable().Reverse().TakeWhile(f => !f).Count();
            var recent = _outcomes.TakeLast(5).ToList();
            return new BuildFeatures
            {
                FilesModified = files.Count,
                LinesAdded = files.Sum(f => f.Additions),
                LinesDeleted = files.Sum(f => f.Deletions),
                SourceChurn = files.Where(f => IsSource(f.Filename)).Sum(f => f.Changes),
                TestChurn = files.Where(f => IsTest(f.Filename)).Sum(f => f.Changes),
                FilesAdded = files.Count(f => f.Status == "added"),
                FilesDeleted = files.Count(f => f.Status == "removed"),
                SourceFiles = files.Count(f => IsSource(f.Filename)),
                TestFiles = files.Count(f => IsTest(f.Filename)),
                DocFiles = files.Count(f => IsDoc(f.Filename)),
                ConfigFiles = files.Count(f => IsConfig(f.Filename)),
                DependencyCount = files.Count(f => Path.GetExtension(f.Filename).ToLowerInvariant() is ".csproj" or ".props" or ".lock" or ".gradle" || f.Filename.EndsWith("package.json", StringComparison.Ordinal) || f.Filename.EndsWith("pom.xml", StringComparison.Ordinal)),
                Commits = 1,
                Committers = 1,
                IsPullRequest = run.Event == "pull_request",
                IsMainBranch = run.HeadBranch == defaultBranch,
                HourOfDay = run.CreatedAt.UtcDateTime.Hour,
                DayOfWeek = (int)run.CreatedAt.UtcDateTime.DayOfWeek,
                PreviousBuildFailed = _outcomes.Count == 0 ? null : _outcomes[^1],
                PreviousDurationSeconds = _previousDuration,
                RecentPassedDurationSeconds = BuildFeatures.RecentPassedMedian(_passedDurations),
                PreviousTestErrors = _previousFailedTestJobs,
                PreviousOtherErrors = _previousFailedOtherJobs,
                FailureRatio = _outcomes.Count == 0 ? 0 : _outcomes.Count(f => f) / (double)_outcomes.Count,
                RecentFailureRatio = recent.Count == 0 ? 0 : recent.Count(f => f) / (double)recent.Count,
                ConsecutiveFailures = streak,
                BuildsSinceLastFailure = sinceFailure,
            };
        }

        public void Add(bool failed, double duration, IReadOnlyList<WorkflowJob> jobs)
        {
            _outcomes.Add(failed);
            _previousDuration = duration;
            if (!failed)
            {
                _passedDurations.Add(duration);
            }
            var failedJobs = jobs.Where(j => j.Conclusion is { } c && c.Value == WorkflowJobConclusion.Failure).ToList();
            _previousFailedTestJobs = failedJobs.Count(j => j.Name.Contains("test", StringComparison.OrdinalIgnoreCase));
            _previousFailedOtherJobs = failedJobs.Count - _previousFailedTestJobs;
        }
    }
}
