namespace MlOpsDashboard.Core.Pipelines;

/// <summary>
/// Where CI runs come from: GitHub Actions through Octokit, or the sandbox's simulated runs.
/// Pages and services see only this; nothing asks which one it is except to label it.
/// </summary>
public interface IPipelineSource
{
    /// <summary>Shown above the runs, e.g. "GitHub Actions · octo-org/mlops-platform" or "Simulated runs (sandbox)".</summary>
    string Description { get; }

    bool IsSimulated { get; }

    /// <summary>The newest runs first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The run's log archive (a zip, as GitHub serves it).</summary>
    Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>
    /// The commits and files from <paramref name="baseSha"/> to <paramref name="headSha"/> (git log base..head):
    /// what changed between a green run and a failing one. A commit the source does not know is a
    /// <see cref="PipelineSourceException"/>.
    /// </summary>
    Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken);
}

/// <summary>The source could not answer; the message says what to check.</summary>
public sealed class PipelineSourceException(string message, Exception? inner = null) : Exception(message, inner);
