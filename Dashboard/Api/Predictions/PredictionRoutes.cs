using System.Text.Json.Serialization.Metadata;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

// The six prediction routes. Structs: the generic handler is compiled once per route, so the
// static calls below are direct (no dictionary lookups, no delegates).

internal readonly struct BuildTimeRoute : IPredictionRoute<BuildFeaturesInput, IBuildTimePredictor, BuildTimePrediction>
{
    public static PredictorKind Kind => PredictorKind.BuildTime;

    public static JsonTypeInfo<BuildFeaturesInput> InputType => PredictionJsonContext.Default.BuildFeaturesInput;

    public static void Validate(BuildFeaturesInput? input, PredictionApiOptions options, FieldErrors errors) => BuildFeaturesRules.Validate(input, errors);

    public static ServedPredictor<IBuildTimePredictor>? Pick(ServedModelSet served) => served.BuildTime;

    public static BuildTimePrediction Predict(IBuildTimePredictor predictor, BuildFeaturesInput input) => predictor.Predict(input.ToFeatures());

    public static PredictionLogItems Log(BuildFeaturesInput input, BuildTimePrediction result) =>
        new(result.Model, [[BuildFeatureVector.ToVector(input.ToFeatures())]], [result.Seconds]);

    public static IResult Answer(BuildFeaturesInput input, BuildTimePrediction result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new BuildTimeResponse(result.ToOutput(input.BuildId), model, traceId), PredictionJsonContext.Default.BuildTimeResponse);
}

internal readonly struct FailureRiskRoute : IPredictionRoute<BuildFeaturesInput, IFailureRiskPredictor, FailureRiskPrediction>
{
    public static PredictorKind Kind => PredictorKind.FailureRisk;

    public static JsonTypeInfo<BuildFeaturesInput> InputType => PredictionJsonContext.Default.BuildFeaturesInput;

    public static void Validate(BuildFeaturesInput? input, PredictionApiOptions options, FieldErrors errors) => BuildFeaturesRules.Validate(input, errors);

    public static ServedPredictor<IFailureRiskPredictor>? Pick(ServedModelSet served) => served.FailureRisk;

    public static FailureRiskPrediction Predict(IFailureRiskPredictor predictor, BuildFeaturesInput input) => predictor.Predict(input.ToFeatures());

    public static PredictionLogItems Log(BuildFeaturesInput input, FailureRiskPrediction result) =>
        new(result.Model, [[BuildFeatureVector.ToVector(input.ToFeatures())]], [result.FailureProbability]);

    public static IResult Answer(BuildFeaturesInput input, FailureRiskPrediction result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new FailureRiskResponse(result.ToOutput(input.BuildId), model, traceId), PredictionJsonContext.Default.FailureRiskResponse);
}

internal readonly struct TestSelectionRoute : IPredictionRoute<TestSelectionInput, ITestSelectionPredictor, TestSelectionResult>
{
    public static PredictorKind Kind => PredictorKind.TestSelection;

    public static JsonTypeInfo<TestSelectionInput> InputType => PredictionJsonContext.Default.TestSelectionInput;

    public static void Validate(TestSelectionInput? input, PredictionApiOptions options, FieldErrors errors) =>
        TestSelectionRules.Validate(input, options.MaxTestsPerChange, errors);

    public static ServedPredictor<ITestSelectionPredictor>? Pick(ServedModelSet served) => served.TestSelection;

    public static TestSelectionResult Predict(ITestSelectionPredictor predictor, TestSelectionInput input) => predictor.Select(input.ToRequest());

    public static PredictionLogItems Log(TestSelectionInput input, TestSelectionResult result) =>
        new(result.Model, [TestVectors(input)], [result.SelectedShare()]);

    public static IResult Answer(TestSelectionInput input, TestSelectionResult result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new TestSelectionResponse(result.ToOutput(input.ChangeId), model, traceId), PredictionJsonContext.Default.TestSelectionResponse);

    internal static float[][] TestVectors(TestSelectionInput change)
    {
        var tests = change.Tests ?? [];
        var vectors = new float[tests.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = TestCaseFeatureVector.ToVector(tests[i]!.ToFeatures());
        }
        return vectors;
    }
}

internal readonly struct BuildTimeBatchRoute : IPredictionRoute<BuildBatchInput, IBuildTimePredictor, BuildTimePrediction[]>
{
    public static PredictorKind Kind => PredictorKind.BuildTime;

    public static JsonTypeInfo<BuildBatchInput> InputType => PredictionJsonContext.Default.BuildBatchInput;

    public static void Validate(BuildBatchInput? input, PredictionApiOptions options, FieldErrors errors) =>
        BatchRules.Validate(input?.Builds, "builds", options.MaxBatchSize, errors, static (build, prefix, errors) => BuildFeaturesRules.Validate(build, errors, prefix));

    public static ServedPredictor<IBuildTimePredictor>? Pick(ServedModelSet served) => served.BuildTime;

    public static BuildTimePrediction[] Predict(IBuildTimePredictor predictor, BuildBatchInput input) =>
        [.. input.Builds!.Select(b => predictor.Predict(b!.ToFeatures()))];

    public static PredictionLogItems Log(BuildBatchInput input, BuildTimePrediction[] result) =>
        new(result[0].Model, BatchRules.BuildVectors(input), [.. result.Select(p => p.Seconds)]);

    public static IResult Answer(BuildBatchInput input, BuildTimePrediction[] result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new BuildTimeBatchResponse([.. result.Select((p, i) => p.ToOutput(input.Builds![i]!.BuildId))], model, traceId),
            PredictionJsonContext.Default.BuildTimeBatchResponse);
}

internal readonly struct FailureRiskBatchRoute : IPredictionRoute<BuildBatchInput, IFailureRiskPredictor, FailureRiskPrediction[]>
{
    public static PredictorKind Kind => PredictorKind.FailureRisk;

    public static JsonTypeInfo<BuildBatchInput> InputType => PredictionJsonContext.Default.BuildBatchInput;

    public static void Validate(BuildBatchInput? input, PredictionApiOptions options, FieldErrors errors) => BuildTimeBatchRoute.Validate(input, options, errors);

    public static ServedPredictor<IFailureRiskPredictor>? Pick(ServedModelSet served) => served.FailureRisk;

    public static FailureRiskPrediction[] Predict(IFailureRiskPredictor predictor, BuildBatchInput input) =>
        [.. input.Builds!.Select(b => predictor.Predict(b!.ToFeatures()))];

    public static PredictionLogItems Log(BuildBatchInput input, FailureRiskPrediction[] result) =>
        new(result[0].Model, BatchRules.BuildVectors(input), [.. result.Select(p => p.FailureProbability)]);

    public static IResult Answer(BuildBatchInput input, FailureRiskPrediction[] result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new FailureRiskBatchResponse([.. result.Select((p, i) => p.ToOutput(input.Builds![i]!.BuildId))], model, traceId),
            PredictionJsonContext.Default.FailureRiskBatchResponse);
}

internal readonly struct TestSelectionBatchRoute : IPredictionRoute<TestSelectionBatchInput, ITestSelectionPredictor, TestSelectionResult[]>
{
    public static PredictorKind Kind => PredictorKind.TestSelection;

    public static JsonTypeInfo<TestSelectionBatchInput> InputType => PredictionJsonContext.Default.TestSelectionBatchInput;

    public static void Validate(TestSelectionBatchInput? input, PredictionApiOptions options, FieldErrors errors) =>
        BatchRules.Validate(input?.Changes, "changes", options.MaxBatchSize, errors,
            (change, prefix, errors) => TestSelectionRules.Validate(change, options.MaxTestsPerChange, errors, prefix));

    public static ServedPredictor<ITestSelectionPredictor>? Pick(ServedModelSet served) => served.TestSelection;

    public static TestSelectionResult[] Predict(ITestSelectionPredictor predictor, TestSelectionBatchInput input) =>
        [.. input.Changes!.Select(c => predictor.Select(c!.ToRequest()))];

    public static PredictionLogItems Log(TestSelectionBatchInput input, TestSelectionResult[] result) =>
        new(result[0].Model, [.. input.Changes!.Select(c => TestSelectionRoute.TestVectors(c!))], [.. result.Select(r => r.SelectedShare())]);

    public static IResult Answer(TestSelectionBatchInput input, TestSelectionResult[] result, ServedModelInfo model, string traceId) =>
        TypedResults.Json(new TestSelectionBatchResponse([.. result.Select((r, i) => r.ToOutput(input.Changes![i]!.ChangeId))], model, traceId),
            PredictionJsonContext.Default.TestSelectionBatchResponse);
}

/// <summary>The batch envelope's rules: a non-empty array within Predictions:MaxBatchSize, each item by its own rules.</summary>
internal static class BatchRules
{
    public static void Validate<T>(List<T?>? items, string field, int max, FieldErrors errors, Action<T?, string, FieldErrors> validateItem)
        where T : class
    {
        if (items is not { Count: > 0 })
        {
            errors.Add(field, "is required: a non-empty array.");
            return;
        }
        if (items.Count > max)
        {
            errors.Add(field, $"has {items.Count} items; at most {max} are accepted per request (Predictions:MaxBatchSize).");
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            validateItem(items[i], $"{field}[{i}].", errors);
        }
    }

    public static float[][][] BuildVectors(BuildBatchInput input) =>
        [.. input.Builds!.Select(b => new[] { BuildFeatureVector.ToVector(b!.ToFeatures()) })];
}
