using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Incidents.Alerts;

/// <summary>One Alertmanager alert, keyed by its group and fingerprint so redeliveries change nothing.</summary>
public sealed class AlertRecord
{
    public long Id { get; set; }
    public string GroupKey { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string AlertName { get; set; } = "";
    public string Severity { get; set; } = "";

    /// <summary>firing or resolved.</summary>
    public string Status { get; set; } = "";
    public string? Namespace { get; set; }
    public string Summary { get; set; } = "";
    public string LabelsJson { get; set; } = "{}";
    public string AnnotationsJson { get; set; } = "{}";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public long? AnalysisId { get; set; }

    public bool IsFiring => Status == AlertStatus.Firing;
}

public static class AlertStatus
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}

public sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> builder)
    {
        builder.ToTable("Alerts");
        builder.HasIndex(a => new { a.GroupKey, a.Fingerprint }).IsUnique();
        builder.HasIndex(a => a.Status);
        builder.Property(a => a.GroupKey).HasMaxLength(1000);
        builder.Property(a => a.Fingerprint).HasMaxLength(64);
        builder.Property(a => a.AlertName).HasMaxLength(200);
        builder.Property(a => a.Severity).HasMaxLength(40);
        builder.Property(a => a.Status).HasMaxLength(10);
        builder.Property(a => a.Namespace).HasMaxLength(253);
        builder.Property(a => a.Summary).HasMaxLength(2000);
    }
}
