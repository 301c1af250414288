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

internal readonly struct BuildTimeRoute : IPredictionRoute<BuildFeaturesInput, PreparedBuild, IBuildTimePredictor, BuildTimePrediction>
{
    public static PredictorKind Kind => PredictorKind.BuildTime;

    public static JsonTypeInfo<BuildFeaturesInput> InputType => PredictionJsonContext.Default.BuildFeaturesInput;

    public static void Validate(BuildFeaturesInput? input, PredictionApiOptions options, FieldErrors errors) => BuildFeaturesRules.Validate(input, errors);

    public static ServedPredictor<IBuildTimePredictor>? Pick(ServedModelSet served) => served.BuildTime;

    public static PreparedBuild Prepare(BuildFeaturesInput input) => PreparedBuild.From(input);

    public static BuildTimePrediction Predict(IBuildTimePredictor predictor, PreparedBuild build) => predictor.Predict(build.Features, build.Vector);

    public static ModelVersionId Model(BuildTimePrediction result) => result.Model;

    public static int Items(BuildTimePrediction result) => 1;

    public static PredictionLogItem Item(PreparedBuild build, BuildTimePrediction result, int index) => new([build.Vector], result.Seconds);

    public static IResult Answer(BuildFeaturesInput input, BuildTimePrediction result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<BuildTimeResponse>(new BuildTimeResponse(result.ToOutput(input.BuildId), model, traceId), PredictionJsonContext.Default.BuildTimeResponse);
}

internal readonly struct FailureRiskRoute : IPredictionRoute<BuildFeaturesInput, PreparedBuild, IFailureRiskPredictor, FailureRiskPrediction>
{
    public static PredictorKind Kind => PredictorKind.FailureRisk;

    public static JsonTypeInfo<BuildFeaturesInput> InputType => PredictionJsonContext.Default.BuildFeaturesInput;

    public static void Validate(BuildFeaturesInput? input, PredictionApiOptions options, FieldErrors errors) => BuildFeaturesRules.Validate(input, errors);

    public static ServedPredictor<IFailureRiskPredictor>? Pick(ServedModelSet served) => served.FailureRisk;

    public static PreparedBuild Prepare(BuildFeaturesInput input) => PreparedBuild.From(input);

    public static FailureRiskPrediction Predict(IFailureRiskPredictor predictor, PreparedBuild build) => predictor.Predict(build.Features, build.Vector);

    public static ModelVersionId Model(FailureRiskPrediction result) => result.Model;

    public static int Items(FailureRiskPrediction result) => 1;

    public static PredictionLogItem Item(PreparedBuild build, FailureRiskPrediction result, int index) => new([build.Vector], result.FailureProbability);

    public static IResult Answer(BuildFeaturesInput input, FailureRiskPrediction result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<FailureRiskResponse>(new FailureRiskResponse(result.ToOutput(input.BuildId), model, traceId), PredictionJsonContext.Default.FailureRiskResponse);
}

internal readonly struct TestSelectionRoute : IPredictionRoute<TestSelectionInput, PreparedChange, ITestSelectionPredictor, TestSelectionResult>
{
    public static PredictorKind Kind => PredictorKind.TestSelection;

    public static JsonTypeInfo<TestSelectionInput> InputType => PredictionJsonContext.Default.TestSelectionInput;

    public static void Validate(TestSelectionInput? input, PredictionApiOptions options, FieldErrors errors) =>
        TestSelectionRules.Validate(input, options.MaxTestsPerChange, errors);

    public static ServedPredictor<ITestSelectionPredictor>? Pick(ServedModelSet served) => served.TestSelection;

    public static PreparedChange Prepare(TestSelectionInput input) => PreparedChange.From(input);

    public static TestSelectionResult Predict(ITestSelectionPredictor predictor, PreparedChange change) => predictor.Select(change.Request, change.Vectors);

    public static ModelVersionId Model(TestSelectionResult result) => result.Model;

    public static int Items(TestSelectionResult result) => 1;

    public static PredictionLogItem Item(PreparedChange change, TestSelectionResult result, int index) => new(change.Vectors, result.SelectedShare());

    public static IResult Answer(TestSelectionInput input, TestSelectionResult result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<TestSelectionResponse>(new TestSelectionResponse(result.ToOutput(input.ChangeId), model, traceId), PredictionJsonContext.Default.TestSelectionResponse);
}

internal readonly struct BuildTimeBatchRoute : IPredictionRoute<BuildBatchInput, PreparedBuild[], IBuildTimePredictor, BuildTimePrediction[]>
{
    public static PredictorKind Kind => PredictorKind.BuildTime;

    public static JsonTypeInfo<BuildBatchInput> InputType => PredictionJsonContext.Default.BuildBatchInput;

    public static void Validate(BuildBatchInput? input, PredictionApiOptions options, FieldErrors errors) =>
        BatchRules.Validate(input?.Builds, "builds", options.MaxBatchSize, errors, static (build, prefix, errors) => BuildFeaturesRules.Validate(build, errors, prefix));

    public static ServedPredictor<IBuildTimePredictor>? Pick(ServedModelSet served) => served.BuildTime;

    public static PreparedBuild[] Prepare(BuildBatchInput input) => BatchRules.PrepareBuilds(input);

    public static BuildTimePrediction[] Predict(IBuildTimePredictor predictor, PreparedBuild[] builds) =>
        [.. builds.Select(b => predictor.Predict(b.Features, b.Vector))];

    public static ModelVersionId Model(BuildTimePrediction[] result) => result[0].Model;

    public static int Items(BuildTimePrediction[] result) => result.Length;

    public static PredictionLogItem Item(PreparedBuild[] builds, BuildTimePrediction[] result, int index) => new([builds[index].Vector], result[index].Seconds);

    public static IResult Answer(BuildBatchInput input, BuildTimePrediction[] result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<BuildTimeBatchResponse>(new BuildTimeBatchResponse([.. result.Select((p, i) => p.ToOutput(input.Builds![i]!.BuildId))], model, traceId),
            PredictionJsonContext.Default.BuildTimeBatchResponse);
}

internal readonly struct FailureRiskBatchRoute : IPredictionRoute<BuildBatchInput, PreparedBuild[], IFailureRiskPredictor, FailureRiskPrediction[]>
{
    public static PredictorKind Kind => PredictorKind.FailureRisk;

    public static JsonTypeInfo<BuildBatchInput> InputType => PredictionJsonContext.Default.BuildBatchInput;

    public static void Validate(BuildBatchInput? input, PredictionApiOptions options, FieldErrors errors) => BuildTimeBatchRoute.Validate(input, options, errors);

    public static ServedPredictor<IFailureRiskPredictor>? Pick(ServedModelSet served) => served.FailureRisk;

    public static PreparedBuild[] Prepare(BuildBatchInput input) => BatchRules.PrepareBuilds(input);

    public static FailureRiskPrediction[] Predict(IFailureRiskPredictor predictor, PreparedBuild[] builds) =>
        [.. builds.Select(b => predictor.Predict(b.Features, b.Vector))];

    public static ModelVersionId Model(FailureRiskPrediction[] result) => result[0].Model;

    public static int Items(FailureRiskPrediction[] result) => result.Length;

    public static PredictionLogItem Item(PreparedBuild[] builds, FailureRiskPrediction[] result, int index) => new([builds[index].Vector], result[index].FailureProbability);

    public static IResult Answer(BuildBatchInput input, FailureRiskPrediction[] result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<FailureRiskBatchResponse>(new FailureRiskBatchResponse([.. result.Select((p, i) => p.ToOutput(input.Builds![i]!.BuildId))], model, traceId),
            PredictionJsonContext.Default.FailureRiskBatchResponse);
}

internal readonly struct TestSelectionBatchRoute : IPredictionRoute<TestSelectionBatchInput, PreparedChange[], ITestSelectionPredictor, TestSelectionResult[]>
{
    public static PredictorKind Kind => PredictorKind.TestSelection;

    public static JsonTypeInfo<TestSelectionBatchInput> InputType => PredictionJsonContext.Default.TestSelectionBatchInput;

    public static void Validate(TestSelectionBatchInput? input, PredictionApiOptions options, FieldErrors errors) =>
        BatchRules.Validate(input?.Changes, "changes", options.MaxBatchSize, errors,
            (change, prefix, errors) => TestSelectionRules.Validate(change, options.MaxTestsPerChange, errors, prefix));

    public static ServedPredictor<ITestSelectionPredictor>? Pick(ServedModelSet served) => served.TestSelection;

    public static PreparedChange[] Prepare(TestSelectionBatchInput input) => [.. input.Changes!.Select(c => PreparedChange.From(c!))];

    public static TestSelectionResult[] Predict(ITestSelectionPredictor predictor, PreparedChange[] changes) =>
        [.. changes.Select(c => predictor.Select(c.Request, c.Vectors))];

    public static ModelVersionId Model(TestSelectionResult[] result) => result[0].Model;

    public static int Items(TestSelectionResult[] result) => result.Length;

    public static PredictionLogItem Item(PreparedChange[] changes, TestSelectionResult[] result, int index) => new(changes[index].Vectors, result[index].SelectedShare());

    public static IResult Answer(TestSelectionBatchInput input, TestSelectionResult[] result, ServedModelInfo model, string traceId) =>
        new PredictionJsonResult<TestSelectionBatchResponse>(new TestSelectionBatchResponse([.. result.Select((r, i) => r.ToOutput(input.Changes![i]!.ChangeId))], model, traceId),
            PredictionJsonContext.Default.TestSelectionBatchResponse);
}

/// <summary>A build's features and their vector: what the model reads and what the log stores.</summary>
internal readonly record struct PreparedBuild(BuildFeatures Features, float[] Vector)
{
    public static PreparedBuild From(BuildFeaturesInput input)
    {
        var features = input.ToFeatures();
        return new PreparedBuild(features, BuildFeatureVector.ToVector(features));
    }
}

/// <summary>A change's tests as the model's request and one feature vector per test, in request order.</summary>
internal readonly record struct PreparedChange(TestSelectionRequest Request, float[][] Vectors)
{
    public static PreparedChange From(TestSelectionInput input)
    {
        var request = input.ToRequest();
        var vectors = new float[request.Tests.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = TestCaseFeatureVector.ToVector(request.Tests[i]);
        }
        return new PreparedChange(request, vectors);
    }
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

    public static PreparedBuild[] PrepareBuilds(BuildBatchInput input) => [.. input.Builds!.Select(b => PreparedBuild.From(b!))];
}
