using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Connections;

namespace MlOpsDashboard.Dashboard.Api;

public static class ConnectionsEndpoints
{
    public static WebApplication MapConnectionsApi(this WebApplication app)
    {
        app.MapGet("/api/v1/connections", async (ConnectionsService connections, CancellationToken cancellationToken) =>
                (await connections.CheckAsync(cancellationToken)).Select(c => new ConnectionDto(c.Backend, c.State.ToString(), c.Summary, c.Hint)))
            .RequireAuthorization(Roles.Viewer)
            .WithName("GetConnections")
            .WithSummary("Which backends are configured and reachable, and what to set to connect the others.");
        return app;
    }

    public sealed record ConnectionDto(string Backend, string State, string Summary, string? Hint);
}
