using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>A hand-written source with exactly the runs, jobs and log files a test gives it.</summary>
public sealed class FakePipelineSource : IPipelineSource
{
    public List<PipelineRun> Runs { get; } = [];
    public Dictionary<long, List<PipelineJob>> Jobs { get; } = [];
    public Dictionary<long, List<(string Path, string Text)>> Logs { get; } = [];
    public string? Failure { get; set; }

    public string Description => "Fake source";

    public bool IsSimulated => false;

    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        Failure is null ? Task.FromResult<IReadOnlyList<PipelineRun>>([.. Runs.Take(limit)]) : throw new PipelineSourceException(Failure);

    public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PipelineJob>>(Jobs.GetValueOrDefault(runId) ?? []);

    public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult(RunLogArchive.FromZip(RunLogArchive.CreateZip(Logs.GetValueOrDefault(runId) ?? [])));

    public static PipelineRun Run(long id, string workflow, RunConclusion conclusion, DateTimeOffset at, int minutes, string branch = "main", string actor = "mchen") =>
        new(id, workflow, id, branch, "0123456789abcdef", "push", actor, $"{workflow} on {branch}", "completed", conclusion, at, at, at.AddMinutes(minutes), $"https://github.com/o/r/actions/runs/{id}");
}
