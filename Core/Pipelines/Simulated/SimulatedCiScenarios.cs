using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines.Simulated;

/// <summary>What a failing-CI scenario does, for the Settings page's scenario list.</summary>
public sealed record CiScenarioDescription(FailureCategory Kind, string Workflow, string Title, string Effect);

/// <summary>
/// The sandbox's failing-CI scenarios: arm one kind of failure and the next simulated run of the
/// workflow where that failure happens fails that way, with a log that reads like the real thing.
/// <see cref="FailNextRun"/> with <c>startNow</c> also starts that run at once (as a push or a
/// workflow_dispatch would), so the failure shows within the run's duration. Clearable.
/// </summary>
public sealed class SimulatedCiScenarios
{
    private readonly Lock _lock = new();
    private FailureCategory? _armed;

    public static IReadOnlyList<CiScenarioDescription> Catalog { get; } =
    [
        new(FailureCategory.TestFailure, SimulatedWorkflows.Ci, "CI: failing test", "The next CI run fails in its Test step: one xunit test fails with an assertion message."),
        new(FailureCategory.Compile, SimulatedWorkflows.Ci, "CI: compile error", "The next CI run fails in its Build step with error CS1002."),
        new(FailureCategory.Dependency, SimulatedWorkflows.Ci, "CI: missing package", "The next CI run fails in its Restore step with error NU1101."),
        new(FailureCategory.SecurityFinding, SimulatedWorkflows.Security, "Security: critical CVE in the image", "The next Security run fails in its Trivy scan with one CRITICAL finding."),
        new(FailureCategory.ModelBelowThreshold, SimulatedWorkflows.Ct, "CT: model below threshold", "The next CT run fails its quality gate: F1 below --min-f1."),
        new(FailureCategory.ManifestError, SimulatedWorkflows.Cd, "CD: staging overlay edit fails", "The next CD run fails updating the staging overlay: yq cannot parse the kustomization."),
    ];

    /// <summary>Raised on arm, start and clear; the Settings page and the Pipelines page refresh on it.</summary>
    public event Action? Changed;

    /// <summary>Raised when a scenario asks for a run to start now; the simulated source listens.</summary>
    internal event Action<string>? RunRequested;

    public FailureCategory? Armed
    {
        get
        {
            lock (_lock)
            {
                return _armed;
            }
        }
    }

    public void FailNextRun(FailureCategory kind, bool startNow = true)
    {
        var scenario = Catalog.FirstOrDefault(c => c.Kind == kind)
            ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "No failing-CI scenario for this kind.");
        lock (_lock)
        {
            _armed = kind;
        }
        if (startNow)
        {
            RunRequested?.Invoke(scenario.Workflow);
        }
        Changed?.Invoke();
    }

    public void Clear()
    {
        lock (_lock)
        {
            _armed = null;
        }
        Changed?.Invoke();
    }

    /// <summary>The armed failure if it belongs to <paramref name="workflow"/>; disarms it (one run fails, not all).</summary>
    internal FailureCategory? TakeFor(string workflow)
    {
        FailureCategory? taken;
        lock (_lock)
        {
            if (_armed is not { } kind || WorkflowOf(kind) != workflow)
            {
                return null;
            }
            taken = kind;
            _armed = null;
        }
        Changed?.Invoke();
        return taken;
    }

    internal static string WorkflowOf(FailureCategory kind) => Catalog.First(c => c.Kind == kind).Workflow;
}
