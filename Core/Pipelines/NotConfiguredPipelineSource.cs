namespace MlOpsDashboard.Core.Pipelines;

/// <summary>
/// A real cluster without GitHub:Repository: there are no runs to show, and simulated ones would
/// page on-call for nothing. Every call says what to configure.
/// </summary>
public sealed class NotConfiguredPipelineSource : IPipelineSource
{
    public const string Problem = "CI runs are not configured: set GitHub:Repository (owner/name) and GitHub:Token to list this platform's GitHub Actions runs.";

    public string Description => "Not configured";

    public bool IsSimulated => false;

    public Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken) => throw new PipelineSourceException(Problem);

    public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken) => throw new PipelineSourceException(Problem);

    public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken) => throw new PipelineSourceException(Problem);

    public Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken) => throw new PipelineSourceException(Problem);
}
