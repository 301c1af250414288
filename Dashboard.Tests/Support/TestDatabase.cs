using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>
/// A migrated Sqlite database in a temp file, behind the same factory interface the app uses;
/// <paramref name="interceptors"/> see every context's commands (tests that count what a pass reads).
/// </summary>
public sealed class TestDatabase : IDbContextFactory<DashboardDbContext>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-db-").FullName;
    private readonly DbContextOptions<SqliteDashboardDbContext> _options;

    public TestDatabase(params IInterceptor[] interceptors)
    {
        _options = new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "test.db")};Pooling=False").AddInterceptors(interceptors).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public DashboardDbContext CreateDbContext() => new SqliteDashboardDbContext(_options);

    public void Dispose() => TempFolders.TryDelete(_folder);
}
