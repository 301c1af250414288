using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery.Applications;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>Argo CD applications as the dashboard sees them, and the operator's Refresh and Sync.</summary>
public static class ApplicationsEndpoints
{
    public static WebApplication MapApplicationsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/applications").WithTags("Applications");
        group.MapGet("/", (ClusterState cluster) => cluster.Current.Applications.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(ApplicationDto.Of))
            .RequireAuthorization(Roles.Viewer)
            .WithName("ListApplications")
            .WithSummary("Every Argo CD application with its sync and health status, from the live watch.");
        group.MapPost("/{name}/refresh", (string name, ApplicationActions actions, CancellationToken cancellationToken) =>
                RunAsync(() => actions.RefreshAsync(name, cancellationToken), $"Refresh of '{name}' requested."))
            .RequireAuthorization(Roles.Operator)
            .WithName("RefreshApplication")
            .WithSummary("Asks Argo CD to compare the application with git now (annotation argocd.argoproj.io/refresh=normal).");
        group.MapPost("/{name}/sync", (string name, ApplicationActions actions, HttpContext context, CancellationToken cancellationToken) =>
                RunAsync(() => actions.SyncAsync(name, context.User.Identity?.Name ?? "unknown", cancellationToken), $"Sync of '{name}' requested."))
            .RequireAuthorization(Roles.Operator)
            .WithName("SyncApplication")
            .WithSummary("Starts a sync to the application's target revision (sets operation.sync, as Argo CD's UI does).");
        return app;
    }

    private static async Task<IResult> RunAsync(Func<Task> action, string done)
    {
        try
        {
            await action();
            return Results.Accepted(value: new { message = done });
        }
        catch (ApplicationActionException e)
        {
            return Results.Problem(title: "The application action failed", detail: e.Message, statusCode: e.StatusCode);
        }
    }

    public sealed record ApplicationDto(string Name, string Namespace, string Project, string SyncStatus, string HealthStatus, string? Revision, string? OperationPhase, DateTimeOffset? LastDeployedAt)
    {
        public static ApplicationDto Of(ArgoApplication a) =>
            new(a.Name, a.Namespace, a.Project, a.SyncStatus, a.HealthStatus, a.SyncRevision, a.OperationState?.Phase, a.LastDeployedAt);
    }
}
