namespace MlOpsDashboard.Core.Predictors.Registry;

/// <summary>A registered model version as the UI, the API and the CLI see it.</summary>
public sealed record ModelVersion(
    ModelVersionId Id,
    string Trainer,
    string DataSource,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ProjectFigure> ProjectFigures,
    DateTimeOffset CreatedAt,
    string Author,
    string Directory,
    IReadOnlyList<ModelAlias> Aliases);

/// <summary>One project's figures for a version (e.g. F1 and AUC of the failed class on its test part).</summary>
public sealed record ProjectFigure(string Project, IReadOnlyDictionary<string, double> Figures);

/// <summary>What a trainer hands the registry: the files to write and the facts to keep.</summary>
public sealed record ModelRegistration(
    PredictorKind Kind,
    string Trainer,
    string DataSource,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ProjectFigure> ProjectFigures,
    ReferenceProfile Profile,
    string Author,
    Action<string> SaveFiles)
{
    /// <summary>Computed at training on held-out rows; written beside the model files.</summary>
    public FeatureImportanceSet FeatureImportance { get; init; } = FeatureImportanceSet.Empty;
}
