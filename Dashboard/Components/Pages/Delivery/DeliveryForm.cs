using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>
/// What promote and rollback share: a plan to preview, a reason, an operator's confirmation, and
/// the result. A refused or conflicting delivery keeps the plan and reason so nothing typed is lost.
/// </summary>
public abstract class DeliveryForm : ComponentBase
{
    public const int MinimumReasonLength = 3;

    protected DeliveryResult? Result { get; private set; }

    protected string? Reason { get; set; }

    protected string? Error { get; private set; }

    protected bool Busy { get; private set; }

    [Parameter, EditorRequired]
    public required string Application { get; set; }

    /// <summary>Raised after a confirmation, whatever its outcome.</summary>
    [Parameter]
    public EventCallback<DeliveryResult> OnDelivered { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    protected bool CanConfirm => !Busy && HasPlan && (Reason?.Trim().Length ?? 0) >= MinimumReasonLength;

    protected abstract bool HasPlan { get; }

    /// <summary>"Promoting", "Rolling back": how the role error names the action.</summary>
    protected abstract string ActionName { get; }

    /// <summary>Commits the current plan.</summary>
    protected abstract Task<DeliveryResult> DeliverAsync(string? reason, DeliveryUser user);

    /// <summary>After a delivery that was not a conflict: forget the plan, reload what the form shows.</summary>
    protected abstract Task AfterDeliveryAsync(bool planDone);

    protected Task ConfirmAsync() => RunAsync(async () =>
    {
        var principal = (await Authentication!).User;
        if (!Roles.AtLeast(Roles.Operator).Any(principal.IsInRole))
        {
            throw new DeliveryRequestException($"{ActionName} needs the operator role.");
        }
        Result = await DeliverAsync(Reason, DeliveryUser.From(principal));
        var planDone = Result.Outcome != DeliveryOutcome.Conflict;
        if (planDone)
        {
            Reason = null;
        }
        await AfterDeliveryAsync(planDone);
        await OnDelivered.InvokeAsync(Result);
    });

    /// <summary>A new preview replaces the last result.</summary>
    protected Task PreviewAsync(Func<Task> plan) => RunAsync(async () =>
    {
        Result = null;
        await plan();
    });

    /// <summary>Runs <paramref name="work"/> with the progress bar on; a refused request shows as the form's error.</summary>
    protected async Task RunAsync(Func<Task> work)
    {
        Busy = true;
        Error = null;
        try
        {
            await work();
        }
        catch (Exception e) when (e is DeliveryRequestException or ManifestRepositoryException)
        {
            Error = e.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
