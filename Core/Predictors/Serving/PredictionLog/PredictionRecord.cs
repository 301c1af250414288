using MlOpsDashboard.Core.Predictors.Registry;

namespace MlOpsDashboard.Core.Predictors.Serving.PredictionLog;

/// <summary>
/// A served prediction on its way to the log and the live page. Features stay as vectors until
/// the background writer serializes them, so the request pays for nothing but an enqueue.
/// </summary>
public sealed record PredictionRecord(
    DateTimeOffset Timestamp,
    ModelVersionId Model,
    string VersionSource,
    float[][] Features,
    double Output,
    double LatencyMilliseconds,
    string TraceId,
    string Caller);
