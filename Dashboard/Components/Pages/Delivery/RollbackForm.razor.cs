using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Rollback;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>Roll one application back: pick a revision (or last healthy) → diff → reason → a new commit.</summary>
public sealed partial class RollbackForm
{
    private RollbackHistory? _history;
    private RollbackPlan? _plan;
    private DeliveryResult? _result;
    private string? _reason;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired]
    public required string Application { get; set; }

    [Parameter]
    public EventCallback<DeliveryResult> OnDelivered { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    public required RollbackService Rollbacks { get; init; }

    private bool CanConfirm => !_busy && _plan is not null && (_reason?.Trim().Length ?? 0) >= 3;

    protected override Task OnParametersSetAsync() => RunAsync(async () => _history = await Rollbacks.HistoryAsync(Application));

    private Task PreviewAsync(string revision) => RunAsync(async () =>
    {
        _result = null;
        _plan = await Rollbacks.PlanAsync(Application, revision);
    });

    private Task ConfirmAsync() => RunAsync(async () =>
    {
        var principal = (await Authentication!).User;
        if (!Roles.AtLeast(Roles.Operator).Any(principal.IsInRole))
        {
            throw new DeliveryRequestException("Rolling back needs the operator role.");
        }
        _result = await Rollbacks.RollbackAsync(_plan!, _reason, DeliveryUser.From(principal));
        if (_result.Outcome != DeliveryOutcome.Conflict)
        {
            _plan = null;
            _reason = null;
        }
        _history = await Rollbacks.HistoryAsync(Application);
        await OnDelivered.InvokeAsync(_result);
    });

    private async Task RunAsync(Func<Task> work)
    {
        _busy = true;
        _error = null;
        try
        {
            await work();
        }
        catch (Exception e) when (e is DeliveryRequestException or ManifestRepositoryException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
