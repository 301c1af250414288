using System.Text.Json.Serialization.Metadata;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// What differs between the prediction routes (single and batch, per model); everything else —
/// read, validate, pick the served model or 503, time, record, answer — is one generic handler
/// (<c>PredictionEndpoints.ServeAsync</c>). Static members, so a route costs no instance and no
/// closure per request.
/// </summary>
internal interface IPredictionRoute<TInput, TPredictor, TResult>
    where TInput : class
    where TPredictor : IPredictor
{
    static abstract PredictorKind Kind { get; }

    static abstract JsonTypeInfo<TInput> InputType { get; }

    /// <summary>Adds every problem of a request that was read as JSON of the right shape.</summary>
    static abstract void Validate(TInput? input, PredictionApiOptions options, FieldErrors errors);

    static abstract ServedPredictor<TPredictor>? Pick(ServedModelSet served);

    /// <summary>The model's work, timed as the request's compute latency.</summary>
    static abstract TResult Predict(TPredictor predictor, TInput input);

    /// <summary>The version that answered and, per item, the features and the headline value to log.</summary>
    static abstract PredictionLogItems Log(TInput input, TResult result);

    static abstract IResult Answer(TInput input, TResult result, ServedModelInfo model, string traceId);
}

/// <summary>One log entry per item: its feature vectors (one for a build, one per test of a change) and output.</summary>
internal readonly record struct PredictionLogItems(ModelVersionId Model, float[][][] Features, double[] Outputs);
