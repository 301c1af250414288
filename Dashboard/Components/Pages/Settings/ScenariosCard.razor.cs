using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.Platform;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class ScenariosCard : IDisposable
{
    private bool _canOperate;

    [Inject] public required SandboxScenarios Scenarios { get; init; }

    [Inject] public required IOptions<ClusterOptions> Cluster { get; init; }

    [Inject] public required IAuthorizationService Authorization { get; init; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    private bool IsSandbox => Cluster.Value.IsSandbox;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _canOperate = (await Authorization.AuthorizeAsync(user, Roles.Operator)).Succeeded;
        // Another operator (or the API) may trigger a scenario: every open Settings page follows.
        Scenarios.Changed += OnScenarioChanged;
    }

    private DateTimeOffset? ActiveSince(SandboxScenario scenario) =>
        Scenarios.Active.TryGetValue(scenario, out var since) ? since : null;

    private void Trigger(SandboxScenario scenario)
    {
        if (_canOperate)
        {
            Scenarios.Trigger(scenario);
        }
    }

    private void Clear(SandboxScenario scenario)
    {
        if (_canOperate)
        {
            Scenarios.Clear(scenario);
        }
    }

    private void OnScenarioChanged(SandboxScenario scenario, bool active) => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Scenarios.Changed -= OnScenarioChanged;
}
