namespace MlOpsDashboard.Core.Pipelines;

/// <summary>
/// One read of the run list serves every caller for <see cref="Freshness"/>: each open Pipelines
/// page, the attention queue, the failed-run watcher and the analyses. Without it every circuit
/// polled GitHub on its own timer and an incident with five people watching spent the token's
/// rate limit. Callers asking at once share one request; a failed read is not kept.
/// Comparisons between two commits never change, so the last <see cref="ComparisonsKept"/> are
/// kept for good: re-analysing a run or two runs failing after the same green one ask GitHub once.
/// </summary>
public sealed class SharedRunList(IPipelineSource inner, TimeProvider clock) : IPipelineSource
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);
    public const int ComparisonsKept = 64;

    private readonly Lock _gate = new();
    private Task<IReadOnlyList<PipelineRun>>? _read;
    private int _readLimit;
    private DateTimeOffset _readAt;
    private readonly Dictionary<(string Base, string Head), Task<PipelineChangeSet>> _comparisons = [];
    private readonly Queue<(string Base, string Head)> _comparisonOrder = new();

    public string Description => inner.Description;

    public bool IsSimulated => inner.IsSimulated;

    public async Task<IReadOnlyList<PipelineRun>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<PipelineRun>> read;
        lock (_gate)
        {
            var fresh = _read is not null && !_read.IsFaulted && !_read.IsCanceled && _readLimit >= limit && clock.GetUtcNow() - _readAt < Freshness;
            if (!fresh)
            {
                // Not the caller's token: one caller leaving must not cancel the read the others wait for.
                (_read, _readLimit, _readAt) = (inner.ListRunsAsync(limit, CancellationToken.None), limit, clock.GetUtcNow());
            }
            read = _read!;
        }
        var runs = await read.WaitAsync(cancellationToken);
        return runs.Count > limit ? [.. runs.Take(limit)] : runs;
    }

    public Task<IReadOnlyList<PipelineJob>> ListJobsAsync(long runId, CancellationToken cancellationToken) => inner.ListJobsAsync(runId, cancellationToken);

    public Task<RunLogArchive> GetLogsAsync(long runId, CancellationToken cancellationToken) => inner.GetLogsAsync(runId, cancellationToken);

    public async Task<PipelineChangeSet> CompareAsync(string baseSha, string headSha, CancellationToken cancellationToken)
    {
        var key = (baseSha, headSha);
        Task<PipelineChangeSet> compare;
        lock (_gate)
        {
            if (!_comparisons.TryGetValue(key, out var kept) || kept.IsFaulted || kept.IsCanceled)
            {
                kept = inner.CompareAsync(baseSha, headSha, CancellationToken.None);
                if (_comparisons.TryAdd(key, kept))
                {
                    _comparisonOrder.Enqueue(key);
                }
                else
                {
                    _comparisons[key] = kept;
                }
                while (_comparisonOrder.Count > ComparisonsKept)
                {
                    _comparisons.Remove(_comparisonOrder.Dequeue());
                }
            }
            compare = kept;
        }
        return await compare.WaitAsync(cancellationToken);
    }
}
