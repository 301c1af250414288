using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Incidents.Reports;

/// <summary>A stored analysis: what triggered it, what was sent (digest and prompt), and the result.</summary>
public sealed class AnalysisRecord
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>alert, api, cli, button, drift, ci, retrain.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>The alert name, user name or run that asked for it.</summary>
    public string TriggerDetail { get; set; } = "";
    public string Domain { get; set; } = "";

    /// <summary>The subject analysed (AnalysisSubject.Key: "ci-run:42", "drift:failure-risk"); null for captured incidents.</summary>
    public string? Subject { get; set; }
    public string? Application { get; set; }
    public string Urgency { get; set; } = "";
    public string Scope { get; set; } = "";
    public string Analyst { get; set; } = "";
    public string? Model { get; set; }
    public string? Fallback { get; set; }
    public string Summary { get; set; } = "";
    public string TopCause { get; set; } = "";

    /// <summary>SHA-256 of the context that was sent: two analyses of the same context share it.</summary>
    public string ContextDigest { get; set; } = "";
    public string Prompt { get; set; } = "";
    public long LatencyMilliseconds { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public string ReportJson { get; set; } = "";
}

public sealed class AnalysisRecordConfiguration : IEntityTypeConfiguration<AnalysisRecord>
{
    public void Configure(EntityTypeBuilder<AnalysisRecord> builder)
    {
        builder.ToTable("Analyses");
        builder.HasIndex(a => a.CreatedAt);
        builder.Property(a => a.Trigger).HasMaxLength(20);
        builder.Property(a => a.TriggerDetail).HasMaxLength(300);
        builder.Property(a => a.Domain).HasMaxLength(10);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.HasIndex(a => a.Subject);
        builder.Property(a => a.Application).HasMaxLength(200);
        builder.Property(a => a.Urgency).HasMaxLength(4);
        builder.Property(a => a.Scope).HasMaxLength(20);
        builder.Property(a => a.Analyst).HasMaxLength(40);
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.Fallback).HasMaxLength(1000);
        builder.Property(a => a.Summary).HasMaxLength(2000);
        builder.Property(a => a.TopCause).HasMaxLength(100);
        builder.Property(a => a.ContextDigest).HasMaxLength(64);
    }
}
