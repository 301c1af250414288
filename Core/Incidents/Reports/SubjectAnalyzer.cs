using System.Text.Json;
using MlOpsDashboard.Core.Incidents.Alerts;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Context;

namespace MlOpsDashboard.Core.Incidents.Reports;

/// <summary>
/// Collects a subject's context from where it lives (cluster, alert store, drift results, CI
/// runs), analyses it and stores the report. Every Analyze button and the drift and CI triggers
/// come through here, so a subject is analysed the same way whoever asks.
/// </summary>
public sealed class SubjectAnalyzer(
    IIncidentContextCollector collector,
    AlertIntake alerts,
    AnalysisService analyses,
    IDriftContextSource? drift = null,
    ICiFailureSource? ci = null)
{
    public async Task<StoredAnalysis> AnalyzeAsync(AnalysisSubject subject, string trigger, CancellationToken cancellationToken)
    {
        var (incident, detail) = await CollectAsync(subject, cancellationToken);
        var stored = await analyses.AnalyzeAndStoreAsync(incident, trigger, detail, cancellationToken, subject.Key);
        if (subject.Kind == AnalysisSubjectKind.Alert)
        {
            await alerts.LinkAnalysisAsync(subject.Id!.Value, stored.Id, cancellationToken);
        }
        return stored;
    }

    public async Task<(CapturedIncident Incident, string TriggerDetail)> CollectAsync(AnalysisSubject subject, CancellationToken cancellationToken)
    {
        switch (subject.Kind)
        {
            case AnalysisSubjectKind.Application:
                return (await collector.CollectAsync(new IncidentTarget(subject.Namespace, Application: subject.Name), null, cancellationToken), subject.Description);
            case AnalysisSubjectKind.Pod:
                return (await collector.CollectAsync(new IncidentTarget(subject.Namespace, Pod: subject.Name), null, cancellationToken), subject.Description);
            case AnalysisSubjectKind.Alert:
                return await CollectAlertAsync(subject.Id!.Value, cancellationToken);
            case AnalysisSubjectKind.Drift:
                var driftContext = drift is null ? null : await drift.GetAsync(subject.Name!, subject.Version, cancellationToken);
                if (driftContext is null)
                {
                    throw new SubjectUnavailableException($"No drift results for {subject.Name}{(subject.Version is null ? "" : $" {subject.Version}")}: the drift monitor has not compared a window of it yet.");
                }
                return (new CapturedIncident { Domain = "drift", Application = driftContext.Model, Drift = driftContext }, $"drift of {driftContext.Model} {driftContext.Version}");
            case AnalysisSubjectKind.CiRun:
                var runId = subject.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var failure = ci is null ? null : await ci.GetAsync(runId, cancellationToken);
                if (failure is null)
                {
                    throw new SubjectUnavailableException($"CI run {runId} has no failed job to analyse (it passed, is still running, or is not among the recent runs).");
                }
                return (new CapturedIncident { Domain = "ci", Application = failure.Workflow, Ci = failure }, subject.Description);
            default:
                throw new ArgumentOutOfRangeException(nameof(subject), subject.Kind, "Unknown subject kind.");
        }
    }

    private async Task<(CapturedIncident, string)> CollectAlertAsync(long alertId, CancellationToken cancellationToken)
    {
        if (await alerts.FindAsync(alertId, cancellationToken) is not { } record)
        {
            throw new SubjectUnavailableException($"Alert {alertId} is not in the alert store.");
        }
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(record.LabelsJson) ?? [];
        var alert = new IncidentAlert
        {
            Status = record.Status,
            Labels = labels,
            Annotations = JsonSerializer.Deserialize<Dictionary<string, string>>(record.AnnotationsJson) ?? [],
            StartsAt = record.StartsAt,
        };
        var target = new IncidentTarget(labels.GetValueOrDefault("namespace"), labels.GetValueOrDefault("pod"),
            labels.GetValueOrDefault("deployment") ?? labels.GetValueOrDefault("app") ?? labels.GetValueOrDefault("model"));
        return (await collector.CollectAsync(target, alert, cancellationToken), record.AlertName);
    }
}
