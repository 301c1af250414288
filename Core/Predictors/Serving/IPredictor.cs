using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Serving;

/// <summary>A loaded, ready model version. Implementations are thread-safe.</summary>
public interface IPredictor
{
    ModelVersionId Version { get; }

    /// <summary>Where the training data came from, e.g. "synthetic (seed 7)" or "BuildFast: 15 projects".</summary>
    string DataSource { get; }
}
