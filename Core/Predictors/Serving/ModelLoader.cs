using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving;

/// <summary>Loads a registered version's files into the predictor of its kind.</summary>
public static class ModelLoader
{
    public static IPredictor Load(ModelVersion version) => version.Id.Kind switch
    {
        PredictorKind.BuildTime => BuildTimeModel.Load(version.Directory, version.Id, version.DataSource),
        PredictorKind.FailureRisk => FailureRiskModel.Load(version.Directory, version.Id, version.DataSource),
        PredictorKind.TestSelection => TestSelectionModel.Load(version.Directory, version.Id, version.DataSource),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version.Id.Kind, "unknown predictor kind"),
    };
}
