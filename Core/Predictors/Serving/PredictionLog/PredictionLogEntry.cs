using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// One served prediction. <see cref="Features"/> is a JSON array of feature vectors in the
/// predictor's column order (<c>BuildFeatureVector</c> / <c>TestCaseFeatureVector</c>): one
/// vector for a build, one per test case for a test selection. <see cref="Output"/> is the
/// headline value: seconds, failure probability, or the share of test time selected.
/// </summary>
public sealed class PredictionLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Predictor slug: build-time, failure-risk or test-selection.</summary>
    public required string Model { get; set; }

    public int Version { get; set; }

    /// <summary>gitops or registry-champion.</summary>
    public required string VersionSource { get; set; }

    public required string Features { get; set; }

    public double Output { get; set; }

    public double LatencyMilliseconds { get; set; }

    public required string TraceId { get; set; }

    /// <summary>Who asked: a signed-in user's name, "api-key", or "sandbox-traffic".</summary>
    public required string Caller { get; set; }
}

internal sealed class PredictionLogEntryConfiguration : IEntityTypeConfiguration<PredictionLogEntry>
{
    public void Configure(EntityTypeBuilder<PredictionLogEntry> entry)
    {
        entry.ToTable("PredictionLog");
        entry.Property(e => e.Model).HasMaxLength(40);
        entry.Property(e => e.VersionSource).HasMaxLength(40);
        entry.Property(e => e.TraceId).HasMaxLength(64);
        entry.Property(e => e.Caller).HasMaxLength(100);
        // Drift windows read one model version over a time range. Nothing else is indexed: every
        // logged prediction pays for each index's B-tree insert, and retention walks the primary key
        // (PredictionLogWriter.DeleteExpiredAsync).
        entry.HasIndex(e => new { e.Model, e.Version, e.Timestamp });
    }
}
