using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>A registered model version; its files live in <see cref="Directory"/> under the data directory.</summary>
public sealed class ModelVersionEntity
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public int Number { get; set; }
    public required string Trainer { get; set; }
    public required string DataSource { get; set; }

    /// <summary>Relative to the data directory, e.g. <c>models/failure-risk/v3</c>.</summary>
    public required string Directory { get; set; }

    /// <summary>JSON object of metric name to value (validation and, where evaluated, test figures).</summary>
    public required string MetricsJson { get; set; }

    /// <summary>JSON of <see cref="ReferenceProfile"/>: what the training data looked like, for drift.</summary>
    public required string ReferenceProfileJson { get; set; }

    /// <summary>JSON list of per-project figures (may be "[]").</summary>
    public required string ProjectFiguresJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Author { get; set; }
}

/// <summary>Which version of a predictor an alias (champion, challenger) points at.</summary>
public sealed class ModelAliasEntity
{
    public required string Kind { get; set; }
    public required string Alias { get; set; }
    public int Number { get; set; }
}

internal sealed class ModelVersionEntityConfiguration : IEntityTypeConfiguration<ModelVersionEntity>
{
    public void Configure(EntityTypeBuilder<ModelVersionEntity> builder)
    {
        builder.ToTable("ModelVersions");
        builder.HasIndex(v => new { v.Kind, v.Number }).IsUnique();
        builder.Property(v => v.Kind).HasMaxLength(40);
        builder.Property(v => v.Trainer).HasMaxLength(60);
        builder.Property(v => v.DataSource).HasMaxLength(300);
        builder.Property(v => v.Directory).HasMaxLength(300);
        builder.Property(v => v.Author).HasMaxLength(100);
    }
}

internal sealed class ModelAliasEntityConfiguration : IEntityTypeConfiguration<ModelAliasEntity>
{
    public void Configure(EntityTypeBuilder<ModelAliasEntity> builder)
    {
        builder.ToTable("ModelAliases");
        builder.HasKey(a => new { a.Kind, a.Alias });
        builder.Property(a => a.Kind).HasMaxLength(40);
        builder.Property(a => a.Alias).HasMaxLength(20);
    }
}
