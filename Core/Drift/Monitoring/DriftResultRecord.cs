using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>One feature of one model version in one window: the test used, its score and verdict.</summary>
public sealed class DriftResultRecord
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public required string Version { get; set; }
    public required string Feature { get; set; }

    /// <summary>A <see cref="Statistics.DriftStatistic"/> name.</summary>
    public required string Statistic { get; set; }

    /// <summary>A p-value for KS, chi-square and Z-test; a distance otherwise.</summary>
    public double Score { get; set; }
    public double Threshold { get; set; }
    public bool Drifted { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }

    /// <summary>Served rows in the window that had this feature.</summary>
    public int Rows { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

internal sealed class DriftResultRecordConfiguration : IEntityTypeConfiguration<DriftResultRecord>
{
    public void Configure(EntityTypeBuilder<DriftResultRecord> builder)
    {
        builder.ToTable("DriftResults");
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.Property(r => r.Version).HasMaxLength(100);
        builder.Property(r => r.Feature).HasMaxLength(200);
        builder.Property(r => r.Statistic).HasMaxLength(40);
        builder.HasIndex(r => new { r.Model, r.Version, r.Feature, r.WindowStart }).IsUnique();
        builder.HasIndex(r => r.WindowStart);
    }
}
