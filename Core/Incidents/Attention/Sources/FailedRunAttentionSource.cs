using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Pipelines;

namespace MlOpsDashboard.Core.Incidents.Attention.Sources;

/// <summary>Workflows whose latest completed run on the default branch failed; a green run after it clears the item.</summary>
internal sealed class FailedRunAttentionSource(IPipelineSource pipelines) : IAttentionSource
{
    private const int RecentRuns = 50;

    public async Task<IReadOnlyList<AttentionItem>> GetAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PipelineRun> runs;
        try
        {
            runs = await pipelines.ListRunsAsync(RecentRuns, cancellationToken);
        }
        catch (PipelineSourceException)
        {
            // Unreachable or not configured: the Pipelines page says why; the queue lists what it can.
            return [];
        }
        return [.. runs
            .Where(r => r.IsCompleted)
            .GroupBy(r => r.Workflow)
            .Select(g => g.MaxBy(r => r.CreatedAt)!)
            .Where(r => r.Conclusion == RunConclusion.Failure)
            .Select(r => new AttentionItem($"ci-run:{r.Id}", "CI run", $"{r.Workflow} #{r.RunNumber} failed on {r.Branch}",
                $"{r.Title} ({r.ShortSha}, {r.Actor})", r.Workflow is "CD" ? Urgency.P1 : Urgency.P2, r.UpdatedAt, $"/pipelines?run={r.Id}")
            {
                Subject = Context.AnalysisSubject.CiRun(r),
            })];
    }
}
