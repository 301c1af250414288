using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;

namespace MlOpsDashboard.Core.Predictors.BuildTime;

public interface IBuildTimePredictor : IPredictor
{
    BuildTimePrediction Predict(BuildFeatures features);

    /// <summary>
    /// The same prediction from features already turned into their vector (<see cref="BuildFeatureVector.ToVector"/>),
    /// so a caller that also logs the vector converts once; the vector is only read.
    /// </summary>
    BuildTimePrediction Predict(BuildFeatures features, float[] vector) => Predict(features);
}

/// <summary>
/// Predicted build duration with an interval that held <see cref="Coverage"/> of held-out builds
/// (e.g. 0.8 = 80% of validation builds fell inside), the features that drove it and what to do.
/// </summary>
public sealed record BuildTimePrediction(
    double Seconds,
    double LowerSeconds,
    double UpperSeconds,
    double Coverage,
    IReadOnlyList<FeatureDriver> Drivers,
    IReadOnlyList<BuildTimeRecommendation> Recommendations,
    ModelVersionId Model);

/// <summary>An action that would shorten the build, with the seconds it is expected to save.</summary>
public sealed record BuildTimeRecommendation(string Code, string Title, string Detail, double EstimatedSavingSeconds);
