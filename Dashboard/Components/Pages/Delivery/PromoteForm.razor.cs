using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Promotion;

namespace MlOpsDashboard.Dashboard.Components.Pages.Delivery;

/// <summary>Promote into one application: values (pre-filled from the overlay it is promoted from) → diff → reason → commit.</summary>
public sealed partial class PromoteForm
{
    private PromotionContext? _context;
    private PromotionPlan? _plan;
    private string? _imageTag;
    private string? _modelVersion;
    private int? _replicas;

    [Inject]
    public required PromotionService Promotions { get; init; }

    /// <summary>A MODEL_VERSION to start from instead of the source overlay's, e.g. the version before drift began.</summary>
    [Parameter]
    public string? ModelVersion { get; set; }

    protected override bool HasPlan => _plan is not null;

    protected override string ActionName => "Promoting";

    protected override async Task OnParametersSetAsync()
    {
        await RunAsync(async () =>
        {
            _context = await Promotions.ContextAsync(Application);
            var from = _context.SourceValues ?? _context.Current;
            (_imageTag, _modelVersion) = (from.ImageTag, ModelVersion ?? from.ModelVersion);
        });
    }

    private Task PreviewAsync() => PreviewAsync(async () =>
        _plan = await Promotions.PlanAsync(new PromotionRequest(Application, Blank(_imageTag), Blank(_modelVersion), _replicas)));

    protected override Task<DeliveryResult> DeliverAsync(string? reason, DeliveryUser user) => Promotions.PromoteAsync(_plan!, reason, user);

    protected override async Task AfterDeliveryAsync(bool planDone)
    {
        _plan = planDone ? null : _plan;
        _context = await Promotions.ContextAsync(Application);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
