using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Incidents.Attention;

/// <summary>What on-call did with an attention item: acknowledged it, or snoozed it with a reason until a time.</summary>
public sealed class AttentionMark
{
    /// <summary>The item's key, e.g. alert:42 or analysis:7.</summary>
    public string Key { get; set; } = "";
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? SnoozedBy { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public string? SnoozeReason { get; set; }
}

public sealed class AttentionMarkConfiguration : IEntityTypeConfiguration<AttentionMark>
{
    public void Configure(EntityTypeBuilder<AttentionMark> builder)
    {
        builder.ToTable("AttentionMarks");
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(200);
        builder.Property(m => m.AcknowledgedBy).HasMaxLength(100);
        builder.Property(m => m.SnoozedBy).HasMaxLength(100);
        builder.Property(m => m.SnoozeReason).HasMaxLength(500);
    }
}
