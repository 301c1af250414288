using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsDashboard.Core.Connections;

namespace MlOpsDashboard.Core.Storage;

internal sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = factory is DashboardDbContextFactory known ? known.Description : "database";
        await using var db = factory.CreateDbContext();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return ConnectionResults.Unreachable($"{provider}: cannot connect", "Check Database:ConnectionString and that the server is running.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? ConnectionResults.Connected($"{provider}, schema up to date")
                : ConnectionResults.Unreachable($"{provider}: {pending.Count} migrations pending", "Migrations run at start-up; see the start-up log.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ConnectionResults.Unreachable($"{provider}: {e.Message}", "Check Database:Provider and Database:ConnectionString.");
        }
    }
}
