using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Incidents.Context;

namespace MlOpsDashboard.Core.Incidents.Triggers;

/// <summary>When the drift monitor sees drift begin on a model version, that drift is analysed (Incidents:AnalyzeDrift).</summary>
internal sealed class DriftAnalysisTrigger(SubjectAnalysisQueue queue, IOptions<IncidentsOptions> options) : IDriftAttentionSink
{
    public const string Trigger = "drift";

    public Task DriftStartedAsync(DriftStarted started, CancellationToken cancellationToken)
    {
        if (options.Value.AnalyzeDrift)
        {
            queue.Enqueue(AnalysisSubject.Drift(started.Model, started.Version), Trigger);
        }
        return Task.CompletedTask;
    }
}
