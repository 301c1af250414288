using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Promotion;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>Promote into one application: values (pre-filled from the overlay it is promoted from) → diff → reason → commit.</summary>
public sealed partial class PromoteForm
{
    private PromotionContext? _context;
    private PromotionPlan? _plan;
    private DeliveryResult? _result;
    private string? _imageTag;
    private string? _modelVersion;
    private int? _replicas;
    private string? _reason;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired]
    public required string Application { get; set; }

    /// <summary>Raised after a confirmation, whatever its outcome.</summary>
    [Parameter]
    public EventCallback<DeliveryResult> OnDelivered { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    public required PromotionService Promotions { get; init; }

    private bool CanConfirm => !_busy && _plan is not null && (_reason?.Trim().Length ?? 0) >= 3;

    protected override async Task OnParametersSetAsync()
    {
        await RunAsync(async () =>
        {
            _context = await Promotions.ContextAsync(Application);
            var from = _context.SourceValues ?? _context.Current;
            (_imageTag, _modelVersion) = (from.ImageTag, from.ModelVersion);
        });
    }

    private Task PreviewAsync() => RunAsync(async () =>
    {
        _result = null;
        _plan = await Promotions.PlanAsync(new PromotionRequest(Application, Blank(_imageTag), Blank(_modelVersion), _replicas));
    });

    private Task ConfirmAsync() => RunAsync(async () =>
    {
        var principal = (await Authentication!).User;
        if (!Roles.AtLeast(Roles.Operator).Any(principal.IsInRole))
        {
            throw new DeliveryRequestException("Promoting needs the operator role.");
        }
        var user = DeliveryUser.From(principal);
        _result = await Promotions.PromoteAsync(_plan!, _reason, user);
        if (_result.Outcome != DeliveryOutcome.Conflict)
        {
            _plan = null;
            _reason = null;
        }
        _context = await Promotions.ContextAsync(Application);
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
