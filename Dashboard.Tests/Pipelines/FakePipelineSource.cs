using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>A hand-written source with exactly the runs, jobs and log files a test gives it.</summary>
public sealed class FakePipelineSource : IPipelineSource
{
    public List<PipelineRun> Runs { get; } = [];
    public Dictionary<long, List<PipelineJob>> Jobs { get; } = [];
    public Dictionary<long, List<(string Path, string Text)>> Logs { get; } = [];
    public Dictionary<(string Base, string Head), PipelineChangeSet> Comparisons { get; } = [];
    public string? Failure { get; set; }

    public string Description => "Fake source";

    public bool IsSimulated => false;

    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        Failure is null ? Task.FromResult<IReadOnlyList<PipelineRun>>([.. Runs.Take(limit)]) : throw new PipelineSourceException(Failure);

    public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PipelineJob>>(Jobs.GetValueOrDefault(runId) ?? []);

    public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult(RunLogArchive.FromZip(RunLogArchive.CreateZip(Logs.GetValueOrDefault(runId) ?? [])));

    /// <summary>A comparison the test did not give is unknown, as GitHub answers 404 for a commit it does not have.</summary>
    public Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken) =>
        Comparisons.TryGetValue((baseSha, headSha), out var changes) ? Task.FromResult(changes)
            : throw new PipelineSourceException($"GitHub has no comparison {PipelineChangeSet.Range(baseSha, headSha)} (404).");

    public static PipelineRun Run(long id, string workflow, RunConclusion conclusion, DateTimeOffset at, int minutes, string branch = "main", string actor = "mchen", string sha = "0123456789abcdef") =>
        new(id, workflow, id, branch, sha, "push", actor, $"{workflow} on {branch}", "completed", conclusion, at, at, at.AddMinutes(minutes), $"https://github.com/o/r/actions/runs/{id}");
}
