using System.Security.Claims;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Incidents.Actions;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>The Retrain action of a drift report, for scripts: start it, then follow the job.</summary>
internal static class RetrainEndpoints
{
    public static void MapRetrain(RouteGroupBuilder analyses, WebApplication app)
    {
        analyses.MapPost("/{id:long}/retrain", StartAsync)
            .RequireAuthorization(Roles.Operator)
            .Produces<RetrainJob>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RetrainFromAnalysis")
            .WithSummary("Train a new version of the drifting model of a drift analysis; follow it at the Location returned.")
            .WithDescription("Trains with the predictors' training service on fresh data (the repository's Actions history, or the sandbox's synthetic history), "
                + "registers the version with its reference profile and makes it champion only if it beats the current one. Nothing is served until it is promoted through GitOps.");
        app.MapGet("/api/v1/retraining/{jobId:guid}", Get)
            .WithTags("Analyses")
            .RequireAuthorization(Roles.Viewer)
            .Produces<RetrainJob>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetRetraining")
            .WithSummary("A retraining's state, progress lines and the versions it registered.");
    }

    private static async Task<IResult> StartAsync(long id, HttpContext context, ModelRetraining retraining, CancellationToken cancellationToken)
    {
        try
        {
            var job = await retraining.StartAsync(id, context.User.FindFirstValue(ClaimTypes.Name) ?? "an operator", cancellationToken);
            return Results.Accepted($"/api/v1/retraining/{job.Id}", job);
        }
        catch (KeyNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (RetrainRefusedException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode, title: e.Title);
        }
    }

    private static IResult Get(Guid jobId, ModelRetraining retraining) =>
        retraining.Find(jobId) is { } job
            ? Results.Ok(job)
            : Results.Problem($"No retraining {jobId}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
