namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>
/// A feature that pushed a prediction: its name (a <see cref="BuildFeatures"/> property), the
/// value it had and its signed contribution in the prediction's unit (seconds, or probability).
/// </summary>
public sealed record FeatureDriver(string Feature, double Value, double Contribution);
