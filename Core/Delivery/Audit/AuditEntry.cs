using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Delivery.Audit;

public enum AuditAction
{
    Promote,
    Rollback,
}

public enum AuditOutcome
{
    /// <summary>Committed and pushed to the branch Argo CD syncs.</summary>
    Committed,

    /// <summary>Pushed to a new branch with a pull request waiting for review.</summary>
    PullRequestOpened,

    /// <summary>The change changed nothing; no commit was made.</summary>
    NoChange,

    /// <summary>The repository moved in a way that matters since the preview; nothing was written.</summary>
    Conflict,

    /// <summary>The repository or GitHub could not be reached or refused; nothing was written.</summary>
    Failed,
}

/// <summary>One action taken through the dashboard: who, when, what, why, and what came of it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string User { get; set; }
    public required string Role { get; set; }
    public AuditAction Action { get; set; }
    public required string Application { get; set; }

    /// <summary>What changed, e.g. "image 1.3.2 → 1.4.0, MODEL_VERSION 11 → 12".</summary>
    public required string Summary { get; set; }

    public required string Reason { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? CommitSha { get; set; }
    public string? PullRequestUrl { get; set; }

    /// <summary>The error or conflict as the user saw it.</summary>
    public string? Detail { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Application, e.At });
        entry.Property(e => e.User).HasMaxLength(100);
        entry.Property(e => e.Role).HasMaxLength(20);
        entry.Property(e => e.Application).HasMaxLength(253);
        entry.Property(e => e.Summary).HasMaxLength(2000);
        entry.Property(e => e.Reason).HasMaxLength(2000);
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.CommitSha).HasMaxLength(64);
        entry.Property(e => e.PullRequestUrl).HasMaxLength(500);
        entry.Property(e => e.Detail).HasMaxLength(4000);
    }
}
