using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage.Entities;

namespace MlOpsDashboard.Core.Storage;

/// <summary>
/// The model, shared by both providers. Each provider has its own subclass so each keeps its own
/// migrations (column types and identity strategies differ between Sqlite and PostgreSQL).
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserAccount>(account =>
        {
            account.HasIndex(a => a.UserName).IsUnique();
            account.Property(a => a.UserName).HasMaxLength(100);
            account.Property(a => a.Role).HasMaxLength(20);
        });

        // Each feature keeps its entities and their IEntityTypeConfiguration in its own folder.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Sqlite cannot order or compare DateTimeOffset; store UTC ticks on every provider alike.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options);

public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);
