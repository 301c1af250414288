using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;

namespace MlOpsDashboard.Core.Predictors.FailureRisk;

public interface IFailureRiskPredictor : IPredictor
{
    FailureRiskPrediction Predict(BuildFeatures features);

    /// <summary>
    /// The same prediction from features already turned into their vector (<see cref="BuildFeatureVector.ToVector"/>),
    /// so a caller that also logs the vector converts once; the vector is only read.
    /// </summary>
    FailureRiskPrediction Predict(BuildFeatures features, float[] vector) => Predict(features);
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
