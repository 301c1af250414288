using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Rollback;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>Roll one application back: pick a revision (or last healthy) → diff → reason → a new commit.</summary>
public sealed partial class RollbackForm
{
    private RollbackHistory? _history;
    private RollbackPlan? _plan;

    [Inject]
    public required RollbackService Rollbacks { get; init; }

    protected override bool HasPlan => _plan is not null;

    protected override string ActionName => "Rolling back";

    protected override Task OnParametersSetAsync() => RunAsync(async () => _history = await Rollbacks.HistoryAsync(Application));

    private Task PreviewAsync(string revision) => PreviewAsync(async () => _plan = await Rollbacks.PlanAsync(Application, revision));

    protected override Task<DeliveryResult> DeliverAsync(string? reason, DeliveryUser user) => Rollbacks.RollbackAsync(_plan!, reason, user);

    protected override async Task AfterDeliveryAsync(bool planDone)
    {
        _plan = planDone ? null : _plan;
        _history = await Rollbacks.HistoryAsync(Application);
    }
}
