using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Operations;

namespace MlOpsDashboard.Core.Storage;

/// <summary>
/// Applies migrations and seeds before the app serves requests. If the database is not there
/// yet (a PostgreSQL still starting), the app keeps running, reports not-ready on /readyz and
/// retries with backoff instead of crash-looping.
/// </summary>
internal sealed class DatabaseMigrator(
    IServiceScopeFactory scopes,
    StartupWork startupWork,
    ILogger<DatabaseMigrator> logger) : BackgroundService
{
    private const string WorkName = "Database migrations";
    private bool _done;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _done = await TryMigrateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!_done && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            _done = await TryMigrateAsync(stoppingToken);
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        startupWork.Running(WorkName, "applying");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            // On a fresh database, asking for applied migrations logs a failed query; ask whether the history exists first.
            var fresh = !await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken);
            var pending = fresh ? db.Database.GetMigrations().ToList() : (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            foreach (var seed in scope.ServiceProvider.GetServices<IStartupSeed>())
            {
                await seed.SeedAsync(db, cancellationToken);
            }
            startupWork.Completed(WorkName, pending.Count == 0 ? "schema up to date" : $"applied {string.Join(", ", pending)}");
            logger.LogInformation("Database ready; applied {Count} migrations", pending.Count);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            startupWork.Failed(WorkName, e.Message);
            logger.LogError(e, "Database migrations failed; retrying in the background");
            return false;
        }
    }
}
