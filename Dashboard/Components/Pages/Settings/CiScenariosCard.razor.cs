using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class CiScenariosCard : IDisposable
{
    [Inject] public required SimulatedCiScenarios Scenarios { get; init; }

    private (string Title, string Workflow, DateTimeOffset At)? _triggered;

    [Inject] public required IPipelineSource Pipelines { get; init; }

    [Inject] public required TimeProvider Clock { get; init; }

    /// <summary>Decided once by the Settings page for all its cards.</summary>
    [Parameter] public bool CanOperate { get; set; }

    protected override void OnInitialized() => Scenarios.Changed += OnChanged;

    private void Trigger(CiScenarioDescription scenario)
    {
        if (CanOperate)
        {
            // The run starts at once and takes the armed failure: the scenario is spent as soon as it is armed.
            Scenarios.FailNextRun(scenario.Kind);
            _triggered = (scenario.Title, scenario.Workflow, Clock.GetUtcNow());
        }
    }

    private void Clear()
    {
        if (CanOperate)
        {
            Scenarios.Clear();
        }
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Scenarios.Changed -= OnChanged;
}
