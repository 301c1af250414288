using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>
/// A failed run's context from the pipeline source (GitHub Actions or the sandbox's simulated
/// runs): the first failed job's failing step, its log tail, the exit code, the triage
/// classifier's class with its evidence lines, the other failed jobs, the last green run of the
/// same workflow and branch, and what changed since: the commits and files between its commit and
/// this one, bounded (the newest <see cref="MaxCommits"/> commits; <see cref="MaxFiles"/> files,
/// those the failing log names first). A comparison the source cannot give is said so, and the
/// analysis goes on without it.
/// </summary>
internal sealed partial class PipelineCiFailureSource(
    IPipelineSource pipelines,
    RunFailureReader failures,
    IOptions<GitHubOptions> github,
    IOptions<IncidentsOptions> options) : ICiFailureSource
{
    public const int MaxCommits = 20;
    public const int MaxFiles = 50;

    public async Task<CiContext?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(runId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var runs = await pipelines.ListRunsAsync(Math.Max(github.Value.RunLimit, 50), cancellationToken);
        if (runs.FirstOrDefault(r => r.Id == id) is not { } run || !run.IsCompleted)
        {
            return null;
        }
        var jobs = await pipelines.ListJobsAsync(id, cancellationToken);
        var failed = await failures.ReadAsync(id, jobs, cancellationToken);
        if (failed.Count == 0)
        {
            return null;
        }
        var first = failed[0];
        var triage = first.Classify();
        var lines = first.Log.Split('\n').Select(WithoutTimestamp).ToList();
        var kept = options.Value.MaxLogLines;
        var green = runs.Where(r => r.Workflow == run.Workflow && r.Branch == run.Branch && r.CreatedAt < run.CreatedAt && r.Conclusion == RunConclusion.Success)
            .MaxBy(r => r.CreatedAt);
        var changes = green is null ? null : await CompareAsync(green, run, lines.Concat(triage.Evidence.Select(e => e.Text)), cancellationToken);
        return new CiContext
        {
            Workflow = $"{run.Workflow} #{run.RunNumber.ToString(CultureInfo.InvariantCulture)}",
            Job = first.Job.Name,
            FailingStep = first.Step?.Name,
            ExitCode = ExitCode(lines),
            Commit = run.HeadSha,
            RunUrl = run.HtmlUrl,
            Log = lines.Count > kept ? lines[^kept..] : lines,
            TriageCategory = triage.Category.ToString(),
            // Other failed jobs of the run follow the classifier's lines, so a second failure is not lost.
            TriageEvidence = [.. triage.Evidence.Select(e => $"line {e.LineNumber.ToString(CultureInfo.InvariantCulture)}: {e.Text}"), .. failed.Skip(1).Select(OtherFailure)],
            LastGreenRun = green is null ? null
                : $"#{green.RunNumber.ToString(CultureInfo.InvariantCulture)} at {green.ShortSha} ({green.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC); this run is at {run.ShortSha} on {run.Branch}",
            SinceLastGreen = changes,
        };
    }

    private async Task<CiChangeSet> CompareAsync(PipelineRun green, PipelineRun run, IEnumerable<string> failingLines, CancellationToken cancellationToken)
    {
        if (string.Equals(green.HeadSha, run.HeadSha, StringComparison.OrdinalIgnoreCase))
        {
            // The same commit passed before: nothing changed in the code, which points at the runner or a flaky test.
            return new CiChangeSet { Base = green.HeadSha, Head = run.HeadSha };
        }
        PipelineChangeSet compared;
        try
        {
            compared = await pipelines.CompareAsync(green.HeadSha, run.HeadSha, cancellationToken);
        }
        catch (PipelineSourceException e)
        {
            return new CiChangeSet { Base = green.HeadSha, Head = run.HeadSha, Unavailable = e.Message };
        }
        var files = compared.Files.Select(f => new CiFileChange { Path = f.Path, Status = f.Status, Additions = f.Additions, Deletions = f.Deletions }).ToList();
        var named = ChangedFileMentions.Find(files, failingLines).Select(m => m.File).ToHashSet();
        return new CiChangeSet
        {
            Base = compared.BaseSha,
            Head = compared.HeadSha,
            Url = compared.HtmlUrl,
            Commits = [.. compared.Commits.TakeLast(MaxCommits).Select(c => new IncidentCommit { Sha = c.Sha, Author = c.Author, Message = c.Message, When = c.When })],
            TotalCommits = compared.TotalCommits,
            // The files the failing log names come first, so a cut never drops the evidence; then the biggest changes.
            Files = [.. files.OrderByDescending(named.Contains).ThenByDescending(f => f.Additions + f.Deletions).ThenBy(f => f.Path, StringComparer.Ordinal).Take(MaxFiles)],
            TotalFiles = files.Count,
            MoreFilesThanListed = compared.FilesTruncated,
        };
    }

    private static string OtherFailure(FailedJobLog other)
    {
        var classification = other.Classify();
        return $"also failed: {other.Job.Name} › {other.Step?.Name ?? "(whole job)"} ({classification.Category})";
    }

    /// <summary>GitHub's runner ends a failed step with "Process completed with exit code N."</summary>
    private static int? ExitCode(IEnumerable<string> lines) =>
        lines.Select(l => ExitCodeLine().Match(l)).LastOrDefault(m => m.Success) is { } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static string WithoutTimestamp(string line) => Timestamp().Replace(line, "").TrimEnd('\r');

    [GeneratedRegex(@"exit code (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExitCodeLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\s?")]
    private static partial Regex Timestamp();
}
