namespace MlOpsDashboard.Core.Delivery.Promotion;

/// <summary>
/// What to deliver into an application's overlay. Null fields stay as they are. <see cref="Image"/>
/// is needed only when the overlay's images: lists several; <see cref="Workload"/> only when
/// replicas: does not already name exactly one.
/// </summary>
public sealed record PromotionRequest(string Application, string? ImageTag = null, string? ModelVersion = null, int? Replicas = null)
{
    public string? Image { get; init; }
    public string? Workload { get; init; }
}

/// <summary>The values an overlay sets today.</summary>
public sealed record OverlayValues(string File, string? Image, string? ImageTag, string? ModelVersion, string? Workload, int? Replicas);

/// <summary>An application as the promote dialog needs it: its values and those of the overlay it is promoted from.</summary>
public sealed record PromotionContext(DeliveryTarget Target, OverlayValues Current, DeliveryTarget? Source, OverlayValues? SourceValues, string Revision);

/// <summary>A previewed promotion: the structured edit, its diff, and the revision it was planned on.</summary>
public sealed record PromotionPlan(PromotionRequest Request, string BaseRevision, string File, IReadOnlyList<FieldChange> Changes, string Diff)
{
    public bool NoChange => Diff.Length == 0;
    public string Summary => NoChange ? "no change" : string.Join(", ", Changes.Where(c => c.From != c.To));
}
