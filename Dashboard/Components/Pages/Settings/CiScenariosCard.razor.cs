using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class CiScenariosCard : IDisposable
{
    [Inject] public required SimulatedCiScenarios Scenarios { get; init; }

    [Inject] public required IPipelineSource Pipelines { get; init; }

    /// <summary>Decided once by the Settings page for all its cards.</summary>
    [Parameter] public bool CanOperate { get; set; }

    protected override void OnInitialized() => Scenarios.Changed += OnChanged;

    private void Trigger(CiScenarioDescription scenario)
    {
        if (CanOperate)
        {
            Scenarios.FailNextRun(scenario.Kind);
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
