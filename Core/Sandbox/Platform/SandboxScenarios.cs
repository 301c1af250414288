using System.Collections.Concurrent;

namespace MlOpsDashboard.Core.Sandbox.Platform;

public enum SandboxScenario
{
    CrashLoop,
    OomKilled,
    LatencySpike,
    NodeNotReady,
    NodeMemoryPressure,
    ImageWithoutArm64,
    ManualDrift,
}

public sealed record ScenarioDescription(SandboxScenario Scenario, string Title, string Effect);

/// <summary>
/// Incidents an operator can inject (Settings page) and tests can call. The simulated kubelets and
/// Argo CD read this state, so each leaves the cluster looking as a real incident would: pod and
/// node statuses, events and logs. Clearing a scenario lets the platform recover by itself.
/// </summary>
public sealed class SandboxScenarios(TimeProvider clock)
{
    public const string ServingNamespace = "model-serving";
    public const string ServingDeployment = "model-serving";

    private readonly ConcurrentDictionary<SandboxScenario, DateTimeOffset> _active = new();

    public static IReadOnlyList<ScenarioDescription> Catalog { get; } =
    [
        new(SandboxScenario.CrashLoop, "Crash loop", "model-serving (production) exits at start-up: CrashLoopBackOff, restarts, a traceback in its logs; the application turns Degraded."),
        new(SandboxScenario.OomKilled, "OOMKilled", "model-serving (production) exceeds its memory limit: OOMKilled, exit code 137, restarts."),
        new(SandboxScenario.LatencySpike, "Latency spike", "model-serving answers in 0.8-2.5 s instead of ~40 ms, with CPU throttling warnings in its logs."),
        new(SandboxScenario.NodeNotReady, "Node NotReady", "wsl-worker stops posting status: Ready=Unknown, unreachable taint, its pods go unready."),
        new(SandboxScenario.NodeMemoryPressure, "Memory pressure", "wsl-worker reports MemoryPressure=True and takes the memory-pressure taint."),
        new(SandboxScenario.ImageWithoutArm64, "Image without arm64", "An amd64-only exporter is deployed to mac-m2 (arm64): exec format error, CrashLoopBackOff."),
        new(SandboxScenario.ManualDrift, "Manual drift", "Someone scales grafana by hand (kubectl scale): the application goes OutOfSync until Argo CD self-heals it."),
    ];

    public event Action<SandboxScenario, bool>? Changed;

    public bool IsActive(SandboxScenario scenario) => _active.ContainsKey(scenario);

    public IReadOnlyDictionary<SandboxScenario, DateTimeOffset> Active => _active;

    public void Trigger(SandboxScenario scenario)
    {
        if (_active.TryAdd(scenario, clock.GetUtcNow()))
        {
            Changed?.Invoke(scenario, true);
        }
    }

    public void Clear(SandboxScenario scenario)
    {
        if (_active.TryRemove(scenario, out _))
        {
            Changed?.Invoke(scenario, false);
        }
    }
}
