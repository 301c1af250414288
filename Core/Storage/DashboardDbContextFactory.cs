using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Storage;

/// <summary>
/// Creates the provider's context from options built once, so EF Core caches one internal
/// service provider per app rather than one per context.
/// </summary>
internal sealed class DashboardDbContextFactory : IDbContextFactory<DashboardDbContext>
{
    private readonly Func<DashboardDbContext> _create;

    public DashboardDbContextFactory(IOptions<DatabaseOptions> database, IOptions<DataOptions> data, ILoggerFactory loggerFactory)
    {
        var options = database.Value;
        switch (options.ProviderKind)
        {
            case DatabaseProvider.PostgreSql:
                var npgsql = new DbContextOptionsBuilder<PostgresDashboardDbContext>()
                    .UseNpgsql(options.ConnectionString).UseLoggerFactory(loggerFactory).Options;
                _create = () => new PostgresDashboardDbContext(npgsql);
                Description = "PostgreSQL";
                break;
            default:
                var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(data.Value.ResolvedDirectory, "dashboard.db")}"
                    : options.ConnectionString;
                var sqlite = new DbContextOptionsBuilder<SqliteDashboardDbContext>()
                    .UseSqlite(connectionString).UseLoggerFactory(loggerFactory).Options;
                _create = () => new SqliteDashboardDbContext(sqlite);
                Description = $"Sqlite ({connectionString})";
                break;
        }
    }

    public string Description { get; }

    public DashboardDbContext CreateDbContext() => _create();
}
