using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>What to collect around: a namespace, and a pod, deployment or application in it.</summary>
public sealed record IncidentTarget(string? Namespace, string? Pod = null, string? Application = null);

/// <summary>Gathers an incident's context from wherever it lives (the cluster, git, Prometheus).</summary>
public interface IIncidentContextCollector
{
    Task<CapturedIncident> CollectAsync(IncidentTarget target, IncidentAlert? alert, CancellationToken cancellationToken);
}

/// <summary>Drift context for a model; the Drift feature provides it (the lead wires the implementation).</summary>
public interface IDriftContextSource
{
    Task<DriftContext?> GetAsync(string model, string? version, CancellationToken cancellationToken);
}

/// <summary>A failed CI run's context (failing step, error lines, what changed); the Pipelines feature provides it.</summary>
public interface ICiFailureSource
{
    Task<CiContext?> GetAsync(string runId, CancellationToken cancellationToken);
}
