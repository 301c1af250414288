using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Drift.Profiles;

/// <summary>A stored reference profile: one row per model version, the profile itself as JSON.</summary>
public sealed class ReferenceProfileRecord
{
    public long Id { get; set; }
    public required string Model { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Json { get; set; }
}

internal sealed class ReferenceProfileRecordConfiguration : IEntityTypeConfiguration<ReferenceProfileRecord>
{
    public void Configure(EntityTypeBuilder<ReferenceProfileRecord> builder)
    {
        builder.ToTable("DriftReferenceProfiles");
        builder.Property(p => p.Model).HasMaxLength(100);
        builder.Property(p => p.Version).HasMaxLength(100);
        builder.HasIndex(p => new { p.Model, p.Version }).IsUnique();
    }
}
