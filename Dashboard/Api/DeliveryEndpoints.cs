using System.Security.Claims;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Core.Delivery.Rollback;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>
/// Promote and rollback over HTTP, the same services the pages use: plan (a diff, nothing
/// written), then confirm with a reason. Reading is for viewers; planning and confirming need
/// operator. Results: 200 with the outcome, 409 problem details on a conflict (with the commits
/// that caused it), 400 on a bad request, 502 when the repository or GitHub failed.
/// </summary>
public static class DeliveryEndpoints
{
    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        var delivery = app.MapGroup("/api/v1/delivery").WithTags("Delivery");
        delivery.MapGet("/applications", (PromotionService promotions, CancellationToken ct) => Guard(async () => Results.Ok(await promotions.TargetsAsync(ct))))
            .RequireAuthorization(Roles.Viewer).WithSummary("Applications that can be delivered, from the Argo CD manifests in git.");
        delivery.MapGet("/applications/{name}", (string name, PromotionService promotions, CancellationToken ct) => Guard(async () => Results.Ok(await promotions.ContextAsync(name, ct))))
            .RequireAuthorization(Roles.Viewer).WithSummary("The application's current image tag, MODEL_VERSION and replicas, and those of the overlay it is promoted from.");
        delivery.MapGet("/applications/{name}/history", (string name, RollbackService rollbacks, CancellationToken ct) => Guard(async () => Results.Ok(await rollbacks.HistoryAsync(name, cancellationToken: ct))))
            .RequireAuthorization(Roles.Viewer).WithSummary("Revisions of the application's path (git) with what Argo CD deployed; rollback candidates.");

        delivery.MapPost("/applications/{name}/promotions/plan", (string name, PromotionBody body, PromotionService promotions, CancellationToken ct) =>
                Guard(async () => Results.Ok(await promotions.PlanAsync(body.ToRequest(name), ct))))
            .RequireAuthorization(Roles.Operator).WithSummary("Plan a promotion: the structured edit and its unified diff. Nothing is written.");
        delivery.MapPost("/applications/{name}/promotions", (string name, ConfirmPromotion body, PromotionService promotions, ClaimsPrincipal user, CancellationToken ct) =>
                Guard(async () => Outcome(await promotions.PromoteAsync(body.Plan with { Request = body.Plan.Request with { Application = name } }, body.Reason, DeliveryUser.From(user), ct))))
            .RequireAuthorization(Roles.Operator).WithSummary("Confirm a planned promotion with a reason: commit (or pull request) and audit entry.");

        delivery.MapPost("/applications/{name}/rollbacks/plan", (string name, RollbackBody body, RollbackService rollbacks, CancellationToken ct) =>
                Guard(async () => Results.Ok(body.Revision is { Length: > 0 } revision
                    ? await rollbacks.PlanAsync(name, revision, ct)
                    : await rollbacks.PlanLastHealthyAsync(name, ct))))
            .RequireAuthorization(Roles.Operator).WithSummary("Plan a rollback to a revision (or, without one, to the last healthy deployment). Nothing is written.");
        delivery.MapPost("/applications/{name}/rollbacks", (string name, ConfirmRollback body, RollbackService rollbacks, ClaimsPrincipal user, CancellationToken ct) =>
                Guard(async () => Outcome(await rollbacks.RollbackAsync(body.Plan with { Application = name }, body.Reason, DeliveryUser.From(user), ct))))
            .RequireAuthorization(Roles.Operator).WithSummary("Confirm a planned rollback with a reason: a new commit restoring the path.");

        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Roles.Viewer);
        audit.MapGet("", async ([AsParameters] AuditFilter filter, AuditLog log, CancellationToken ct) => Results.Ok(await log.QueryAsync(filter.ToQuery(), ct)))
            .WithSummary("Audit entries, newest first, filtered by user, application, action, outcome and time.");
        audit.MapGet("/export.csv", async ([AsParameters] AuditFilter filter, AuditLog log, CancellationToken ct) =>
                Results.Text(AuditLog.ToCsv(await log.QueryAsync(filter.ToQuery() with { Limit = AuditLog.MaxLimit }, ct)), "text/csv; charset=utf-8"))
            .WithSummary("The same entries as CSV, for a spreadsheet or a change review.");
        return app;
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DeliveryRequestException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid delivery request");
        }
        catch (ManifestRepositoryException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "Manifests repository unavailable");
        }
    }

    private static IResult Outcome(DeliveryResult result) => result.Outcome switch
    {
        DeliveryOutcome.Conflict => Results.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The repository changed since the preview",
            extensions: new Dictionary<string, object?> { ["changedBy"] = result.ChangedBy }),
        DeliveryOutcome.Failed => Results.Problem(result.Message, statusCode: StatusCodes.Status502BadGateway, title: "The change could not be delivered",
            extensions: new Dictionary<string, object?> { ["commitSha"] = result.CommitSha }),
        _ => Results.Ok(result),
    };

    public sealed record PromotionBody(string? ImageTag, string? ModelVersion, int? Replicas, string? Image, string? Workload)
    {
        public PromotionRequest ToRequest(string application) =>
            new(application, Blank(ImageTag), Blank(ModelVersion), Replicas) { Image = Blank(Image), Workload = Blank(Workload) };

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public sealed record ConfirmPromotion(PromotionPlan Plan, string? Reason);

    public sealed record RollbackBody(string? Revision);

    public sealed record ConfirmRollback(RollbackPlan Plan, string? Reason);

    public sealed record AuditFilter(string? User, string? Application, AuditAction? Action, AuditOutcome? Outcome, DateTimeOffset? From, DateTimeOffset? To, int? Limit)
    {
        public AuditQuery ToQuery() => new()
        {
            User = User, Application = Application, Action = Action, Outcome = Outcome, From = From, To = To, Limit = Limit ?? 500,
        };
    }
}
