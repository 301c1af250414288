using System.Globalization;

namespace MlOpsDashboard.Core.Incidents.Context;

public enum AnalysisSubjectKind
{
    Application,
    Pod,
    Alert,
    Drift,
    CiRun,
}

/// <summary>
/// What an operator asks to analyse: an application, a pod, a received alert, a model's drift or
/// a failed CI run. <see cref="Key"/> is stable ("pod:model-serving/x", "ci-run:42") and stored
/// with the report, so the Analyses page can list every analysis of one subject.
/// </summary>
public sealed record AnalysisSubject
{
    private AnalysisSubject(AnalysisSubjectKind kind, string key, string description)
    {
        Kind = kind;
        Key = key;
        Description = description;
    }

    public AnalysisSubjectKind Kind { get; }

    public string Key { get; }

    /// <summary>What the report's trigger says, e.g. "pod model-serving/model-serving-7d9f".</summary>
    public string Description { get; }

    public string? Namespace { get; private init; }
    public string? Name { get; private init; }
    public long? Id { get; private init; }
    public string? Version { get; private init; }

    public static AnalysisSubject Application(string? ns, string application) =>
        new(AnalysisSubjectKind.Application, $"application:{application}", $"application {application}") { Namespace = ns, Name = application };

    public static AnalysisSubject Pod(string ns, string pod) =>
        new(AnalysisSubjectKind.Pod, $"pod:{ns}/{pod}", $"pod {ns}/{pod}") { Namespace = ns, Name = pod };

    public static AnalysisSubject Alert(long alertId, string alertName) =>
        new(AnalysisSubjectKind.Alert, $"alert:{Number(alertId)}", $"alert {alertName}") { Id = alertId, Name = alertName };

    /// <summary>A model's drift; without a version, the version served in the latest monitored window.</summary>
    public static AnalysisSubject Drift(string model, string? version = null) =>
        new(AnalysisSubjectKind.Drift, $"drift:{model}", $"drift of {model}{(string.IsNullOrEmpty(version) ? "" : $" {version}")}")
        {
            Name = model,
            Version = string.IsNullOrEmpty(version) ? null : version,
        };

    public static AnalysisSubject CiRun(long runId, string? title = null) =>
        new(AnalysisSubjectKind.CiRun, $"ci-run:{Number(runId)}", title is null ? $"CI run {Number(runId)}" : $"CI run {Number(runId)} ({title})") { Id = runId };

    public static AnalysisSubject CiRun(Pipelines.PipelineRun run) =>
        CiRun(run.Id, $"{run.Workflow} #{Number(run.RunNumber)} on {run.Branch}");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The subject's context cannot be collected: no drift results, a run that did not fail, an alert that is gone.</summary>
public sealed class SubjectUnavailableException(string message) : Exception(message);
