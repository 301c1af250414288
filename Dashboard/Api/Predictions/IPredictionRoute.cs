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
/// closure per request. A request's features are converted once (<see cref="Prepare"/>): the
/// same vectors are predicted on and logged.
/// </summary>
internal interface IPredictionRoute<TInput, TPrepared, TPredictor, TResult>
    where TInput : class
    where TPredictor : IPredictor
{
    static abstract PredictorKind Kind { get; }

    static abstract JsonTypeInfo<TInput> InputType { get; }

    /// <summary>Adds every problem of a request that was read as JSON of the right shape.</summary>
    static abstract void Validate(TInput? input, PredictionApiOptions options, FieldErrors errors);

    static abstract ServedPredictor<TPredictor>? Pick(ServedModelSet served);

    /// <summary>A valid request's features in the models' form (feature records and their vectors), once.</summary>
    static abstract TPrepared Prepare(TInput input);

    /// <summary>The model's work, timed with <see cref="Prepare"/> as the request's compute latency.</summary>
    static abstract TResult Predict(TPredictor predictor, TPrepared prepared);

    /// <summary>The version that answered.</summary>
    static abstract ModelVersionId Model(TResult result);

    /// <summary>How many log entries the answer makes: one per build or change.</summary>
    static abstract int Items(TResult result);

    /// <summary>Entry <paramref name="index"/>'s feature vectors (one for a build, one per test of a change) and headline value.</summary>
    static abstract PredictionLogItem Item(TPrepared prepared, TResult result, int index);

    static abstract IResult Answer(TInput input, TResult result, ServedModelInfo model, string traceId);
}

/// <summary>One log entry's features (the vectors the model was given) and its output.</summary>
internal readonly record struct PredictionLogItem(float[][] Features, double Output);
