namespace MlOpsDashboard.Core.Predictors.Features;

/// <summary>
/// One historical build used for training and evaluation: its features and what happened.
/// <see cref="Order"/> is chronological within <see cref="Project"/> (the evaluation protocol
/// splits on it).
/// </summary>
public sealed record BuildExample(string Project, long Order, BuildFeatures Features, bool Failed, double DurationSeconds);
