using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Storage;

/// <summary>
/// Creates the provider's context from options built once, so EF Core caches one internal
/// service provider per app rather than one per context. Built on first use, not in the
/// constructor: hosted services that take this factory are constructed before start-up
/// validation, and reading the options here would report one wrong setting instead of all.
/// </summary>
internal sealed class DashboardDbContextFactory(IOptions<DatabaseOptions> database, IOptions<DataOptions> data, ILoggerFactory loggerFactory)
    : IDbContextFactory<DashboardDbContext>
{
    private readonly Lazy<(Func<DashboardDbContext> Create, string Description)> _provider = new(() => Build(database.Value, data.Value, loggerFactory));

    public string Description => _provider.Value.Description;

    public DashboardDbContext CreateDbContext() => _provider.Value.Create();

    private static (Func<DashboardDbContext>, string) Build(DatabaseOptions options, DataOptions data, ILoggerFactory loggerFactory)
    {
        if (options.ProviderKind == DatabaseProvider.PostgreSql)
        {
            var npgsql = new DbContextOptionsBuilder<PostgresDashboardDbContext>()
                .UseNpgsql(options.ConnectionString).UseLoggerFactory(loggerFactory).Options;
            return (() => new PostgresDashboardDbContext(npgsql), "PostgreSQL");
        }
        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={Path.Combine(data.ResolvedDirectory, "dashboard.db")}"
            : options.ConnectionString;
        var sqlite = new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite(connectionString).UseLoggerFactory(loggerFactory).Options;
        return (() => new SqliteDashboardDbContext(sqlite), $"Sqlite ({connectionString})");
    }
}
