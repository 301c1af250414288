using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Core.Incidents.Actions;

/// <summary>Where a report's "Roll back…" leads, and what it says it will open.</summary>
public sealed record RollbackLink(string Application, string Href, string Description);

/// <summary>
/// The "Roll back…" action of a report. It changes nothing itself: it opens the Delivery page of the
/// Argo CD application the report is about, whose rollback form shows the diff, asks for a reason
/// and commits as the operator. For a drift report it opens model serving's page with the version
/// before drift began preselected, as the Drift page does (<see cref="DriftRollback"/>). CI reports
/// have no rollback: nothing was deployed.
/// </summary>
public sealed class ReportRollback(ClusterState cluster, DriftHistory driftHistory, IReferenceProfileStore profiles, IOptions<PredictionApiOptions> predictions)
{
    public async Task<RollbackLink?> FindAsync(StoredAnalysis analysis, CancellationToken cancellationToken)
    {
        switch (analysis.Report.Domain)
        {
            case IncidentDomain.Drift:
                var model = analysis.Subject is { } subject && subject.StartsWith("drift:", StringComparison.Ordinal) ? subject["drift:".Length..] : analysis.Application;
                if (string.IsNullOrEmpty(model))
                {
                    return null;
                }
                var version = await DriftRollback.TargetAtAsync(driftHistory, profiles, model, analysis.CreatedAt, cancellationToken);
                var serving = predictions.Value.Serving.Application;
                return version is null ? null
                    : new RollbackLink(serving, DriftRollback.Href(serving, version), $"Open the rollback of {serving} with {model} {version}, the version before drift began, preselected");
            case IncidentDomain.Alert:
                return ApplicationOf(analysis, cluster.Current) is { } application
                    ? new RollbackLink(application, $"/delivery/{Uri.EscapeDataString(application)}", $"Open the rollback of {application}: diff, reason and commit")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The Argo CD application behind an application, pod or alert report: the pod's managing
    /// application while the pod exists; otherwise what the report names (stored as its
    /// application: an Argo CD application, a Deployment one manages, or a namespace one deploys to).
    /// Only an application Argo CD knows now counts; an ambiguous name counts as none.
    /// </summary>
    internal static string? ApplicationOf(StoredAnalysis analysis, ClusterSnapshot snapshot)
    {
        var byWorkload = PodOwnership.ApplicationsByWorkload(snapshot);
        var subject = analysis.Subject ?? "";
        if (subject.StartsWith("application:", StringComparison.Ordinal) && Known(snapshot, subject["application:".Length..]) is { } named)
        {
            return named;
        }
        if (subject.StartsWith("pod:", StringComparison.Ordinal) && snapshot.Pods.GetValueOrDefault(subject["pod:".Length..]) is { } pod
            && Known(snapshot, PodOwnership.ApplicationOf(pod, byWorkload)) is { } owner)
        {
            return owner;
        }
        if (string.IsNullOrEmpty(analysis.Application))
        {
            return null;
        }
        return Known(snapshot, analysis.Application)
            ?? Single(byWorkload.Where(p => p.Key.EndsWith("/" + analysis.Application, StringComparison.Ordinal)).Select(p => p.Value))
            ?? Single(snapshot.Applications.Values.Where(a => a.Destination.Namespace == analysis.Application).Select(a => a.Name));
    }

    private static string? Known(ClusterSnapshot snapshot, string name) => snapshot.Application(name)?.Name;

    private static string? Single(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).ToList() is [var only] ? only : null;
}
