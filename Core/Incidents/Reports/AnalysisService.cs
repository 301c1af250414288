using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Reports;

/// <summary>Analyse, then store: every trigger (webhook, API, button) goes through here.</summary>
public sealed class AnalysisService(IncidentAnalyzer analyzer, AnalysisStore store)
{
    /// <param name="subject">The <see cref="Context.AnalysisSubject.Key"/> the analysis is about, when it is about one.</param>
    public async Task<StoredAnalysis> AnalyzeAndStoreAsync(CapturedIncident incident, string trigger, string triggerDetail, CancellationToken cancellationToken, string? subject = null)
    {
        var report = await analyzer.AnalyzeAsync(incident, cancellationToken);
        var application = incident.Application ?? incident.Pod?.Namespace ?? incident.Drift?.Model ?? incident.Ci?.Workflow;
        return await store.SaveAsync(report, trigger, triggerDetail, application, cancellationToken, subject);
    }
}
