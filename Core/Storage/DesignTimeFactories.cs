using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MlOpsDashboard.Core.Storage;

// Used only by `dotnet ef migrations add`; the running app configures contexts in AddStorage.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDashboardDbContext>
{
    public PostgresDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
