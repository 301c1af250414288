using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class ScenariosCard : IDisposable
{
    [Inject] public required SandboxScenarios Scenarios { get; init; }

    [Inject] public required IOptions<ClusterOptions> Cluster { get; init; }

    /// <summary>Decided once by the Settings page for all its cards.</summary>
    [Parameter] public bool CanOperate { get; set; }

    private bool IsSandbox => Cluster.Value.IsSandbox;

    // Another operator (or the API) may trigger a scenario: every open Settings page follows.
    protected override void OnInitialized() => Scenarios.Changed += OnScenarioChanged;

    private DateTimeOffset? ActiveSince(SandboxScenario scenario) =>
        Scenarios.Active.TryGetValue(scenario, out var since) ? since : null;

    private void Trigger(SandboxScenario scenario)
    {
        if (CanOperate)
        {
            Scenarios.Trigger(scenario);
        }
    }

    private void Clear(SandboxScenario scenario)
    {
        if (CanOperate)
        {
            Scenarios.Clear(scenario);
        }
    }

    private void OnScenarioChanged(SandboxScenario scenario, bool active) => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Scenarios.Changed -= OnScenarioChanged;
}
