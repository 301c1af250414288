using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

public interface IFailureRiskPredictor : IPredictor
{
    FailureRiskPrediction Predict(BuildFeatures features);
}

/// <summary>
/// Probability that the build fails, the decision threshold chosen on validation data
/// (<see cref="LikelyToFail"/> = probability ≥ threshold) and the features that drove it.
/// </summary>
public sealed record FailureRiskPrediction(
    double FailureProbability,
    double Threshold,
    bool LikelyToFail,
    IReadOnlyList<FeatureDriver> Drivers,
    ModelVersionId Model);
