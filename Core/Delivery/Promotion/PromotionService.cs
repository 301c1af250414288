using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Delivery.Audit;

namespace MlOpsDashboard.Core.Delivery.Promotion;

/// <summary>
/// Promote = a structured edit of the target overlay's kustomization.yaml (images newTag, the
/// generated ConfigMap's MODEL_VERSION, replicas), previewed as a diff, committed with a reason.
/// At confirmation the edit is re-planned on the branch's tip; if a value it changes is no longer
/// what the user previewed, it stops and shows the commits that changed it.
/// </summary>
public sealed partial class PromotionService(ManifestRepository repository, DeliveryExecutor executor, IOptions<ManifestsOptions> options)
{
    public const string ModelVersionKey = "MODEL_VERSION";
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public async Task<IReadOnlyList<DeliveryTarget>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        await repository.FetchAsync(cancellationToken);
        return await repository.ReadAsync(null, s => DeliveryTargets.Read(s, options.Value.ApplicationsPath), cancellationToken);
    }

    /// <summary>The application's current values and those of the overlay it is promoted from.</summary>
    public async Task<PromotionContext> ContextAsync(string application, CancellationToken cancellationToken = default)
    {
        await repository.FetchAsync(cancellationToken);
        return await repository.ReadAsync(null, snapshot =>
        {
            var targets = DeliveryTargets.Read(snapshot, options.Value.ApplicationsPath);
            var target = Find(targets, application);
            // Promotion flows towards production: from the sibling that is not production.
            var source = DeliveryTargets.Siblings(targets, target).OrderBy(t => t.Environment == "production" ? 1 : 0).FirstOrDefault();
            return new PromotionContext(target, Values(snapshot, target), source, source is null ? null : Values(snapshot, source), snapshot.Revision);
        }, cancellationToken);
    }

    public async Task<PromotionPlan> PlanAsync(PromotionRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        await repository.FetchAsync(cancellationToken);
        var (plan, edits) = await repository.ReadAsync(null, snapshot => Plan(snapshot, request), cancellationToken);
        var diff = edits.Count == 0 ? "" : await repository.PreviewAsync(plan.BaseRevision, edits, cancellationToken);
        return plan with { Diff = diff };
    }

    public async Task<DeliveryResult> PromoteAsync(PromotionPlan preview, string? reason, DeliveryUser user, CancellationToken cancellationToken = default)
    {
        var why = DeliveryExecutor.RequireReason(reason);
        Validate(preview.Request);
        var application = preview.Request.Application;
        var message = $"Promote {application}: {preview.Summary}\n\n{DeliveryExecutor.Trailer(application, why, user)}";
        return await executor.ExecuteAsync(new DeliveryChange(AuditAction.Promote, application, preview.Summary, why, user, preview.BaseRevision, message)
        {
            Edits = tip => Replan(tip, preview),
            NoChangeMessage = $"Nothing to change: {application} already runs {DescribeTargets(preview.Request)}. No commit was made.",
        }, cancellationToken);
    }

    private IReadOnlyList<TreeEdit> Replan(ManifestSnapshot tip, PromotionPlan preview)
    {
        var (plan, edits) = Plan(tip, preview.Request);
        var moved = plan.Changes.Zip(preview.Changes).Where(p => p.First.From != p.Second.From).ToList();
        if (moved.Count > 0 || plan.File != preview.File)
        {
            var what = string.Join("; ", moved.Select(p => $"{p.First.Field} is now {p.First.From ?? "(none)"} (it was {p.Second.From ?? "(none)"} when you previewed)"));
            throw new DeliveryConflictException(
                $"{preview.File} changed since your preview: {what}. Nothing was committed; preview again to see the change as it stands.",
                tip.CommitsSince(preview.BaseRevision, Path.GetDirectoryName(preview.File)!));
        }
        return edits;
    }

    private (PromotionPlan Plan, IReadOnlyList<TreeEdit> Edits) Plan(ManifestSnapshot snapshot, PromotionRequest request)
    {
        var target = Find(DeliveryTargets.Read(snapshot, options.Value.ApplicationsPath), request.Application);
        var file = KustomizationFile(snapshot, target);
        var original = snapshot.ReadFile(file)!;
        var text = original;
        var changes = new List<FieldChange>();
        try
        {
            if (request.ImageTag is { } tag)
            {
                var image = request.Image ?? OnlyImage(original, file);
                changes.Add(new FieldChange($"image {image}", KustomizationEditor.ReadImageTag(text, image), tag));
                text = KustomizationEditor.SetImageTag(text, image, tag);
            }
            if (request.ModelVersion is { } version)
            {
                changes.Add(new FieldChange(ModelVersionKey, KustomizationEditor.ReadLiteral(text, ModelVersionKey), version));
                text = KustomizationEditor.SetLiteral(text, ModelVersionKey, version);
            }
            if (request.Replicas is { } replicas)
            {
                var workload = request.Workload ?? KustomizationEditor.OnlyReplicasWorkload(original) ?? WorkloadFromImage(original, file);
                changes.Add(new FieldChange($"replicas of {workload}", KustomizationEditor.ReadReplicas(text, workload), replicas.ToString(CultureInfo.InvariantCulture)));
                text = KustomizationEditor.SetReplicas(text, workload, replicas);
            }
        }
        catch (KustomizationEditException e)
        {
            throw new DeliveryRequestException($"{file}: {e.Message}.");
        }
        var edits = text == original ? Array.Empty<TreeEdit>() : [new PutFile(file, text)];
        return (new PromotionPlan(request, snapshot.Revision, file, changes, ""), edits);
    }

    private static OverlayValues Values(ManifestSnapshot snapshot, DeliveryTarget target)
    {
        var file = KustomizationFile(snapshot, target);
        var text = snapshot.ReadFile(file)!;
        try
        {
            var image = KustomizationEditor.ImageNames(text) is [var only] ? only : null;
            var workload = KustomizationEditor.OnlyReplicasWorkload(text);
            var replicas = workload is null ? null : KustomizationEditor.ReadReplicas(text, workload);
            return new OverlayValues(file, image, image is null ? null : KustomizationEditor.ReadImageTag(text, image),
                KustomizationEditor.ReadLiteral(text, ModelVersionKey), workload,
                int.TryParse(replicas, CultureInfo.InvariantCulture, out var count) ? count : null);
        }
        catch (KustomizationEditException e)
        {
            throw new DeliveryRequestException($"{file}: {e.Message}.");
        }
    }

    private static DeliveryTarget Find(IReadOnlyList<DeliveryTarget> targets, string application) =>
        targets.FirstOrDefault(t => t.Name == application)
        ?? throw new DeliveryRequestException($"No application named '{application}' in the manifests repository; known: {string.Join(", ", targets.Select(t => t.Name))}.");

    private static string KustomizationFile(ManifestSnapshot snapshot, DeliveryTarget target) =>
        KustomizationNames.Select(n => $"{target.Path}/{n}").FirstOrDefault(f => snapshot.ReadFile(f) is not null)
        ?? throw new DeliveryRequestException($"{target.Name}: no kustomization.yaml in {target.Path}; only kustomize overlays can be promoted.");

    private static string OnlyImage(string text, string file) => KustomizationEditor.ImageNames(text) switch
    {
        [var only] => only,
        [] => throw new DeliveryRequestException($"{file} has no images: entry to set a tag on."),
        var names => throw new DeliveryRequestException($"{file} lists several images ({string.Join(", ", names)}); say which one."),
    };

    private static string WorkloadFromImage(string text, string file) =>
        OnlyImage(text, file).Split('/')[^1];

    private static string DescribeTargets(PromotionRequest r) => string.Join(", ", new[]
    {
        r.ImageTag is null ? null : $"image tag {r.ImageTag}",
        r.ModelVersion is null ? null : $"{ModelVersionKey} {r.ModelVersion}",
        r.Replicas is null ? null : $"{r.Replicas} replicas",
    }.OfType<string>());

    private static void Validate(PromotionRequest request)
    {
        if (request.ImageTag is null && request.ModelVersion is null && request.Replicas is null)
        {
            throw new DeliveryRequestException("Say what to promote: an image tag, a model version or a replica count.");
        }
        if (request.ImageTag is { } tag && !ImageTagPattern().IsMatch(tag))
        {
            throw new DeliveryRequestException($"'{tag}' is not a valid image tag (letters, digits, '_', '.', '-', up to 128, not starting with '.' or '-').");
        }
        if (request.ModelVersion is { } version && !ModelVersionPattern().IsMatch(version))
        {
            throw new DeliveryRequestException($"'{version}' is not a valid model version (letters, digits, '.', '_', '-', up to 64).");
        }
        if (request.Replicas is < 0 or > 100)
        {
            throw new DeliveryRequestException($"{request.Replicas} replicas is out of range (0 to 100).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ModelVersionPattern();
}
