namespace MlOpsDashboard.Core.Storage;

/// <summary>Data a feature needs in a fresh database (the first admin, say); runs after migrations.</summary>
public interface IStartupSeed
{
    Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken);
}
