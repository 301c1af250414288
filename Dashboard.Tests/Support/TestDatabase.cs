using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>A migrated Sqlite database in a temp file, behind the same factory interface the app uses.</summary>
public sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-db-").FullName;
    private readonly DbContextOptions<SqliteDashboardDbContext> _options;

    public TestDatabase()
    {
        _options = new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "test.db")};Pooling=False").Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(_options);

    public void Dispose() => TempFolders.TryDelete(_folder);
}
