using System.Diagnostics;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>Batch variants: many builds (or changes) in one request, all answered by one model version.</summary>
public static partial class PredictionEndpoints
{
    private static void MapBatchEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/build-optimizer/predict/batch", PredictBuildTimeBatchAsync)
            .WithName("PredictBuildTimeBatch")
            .WithSummary("Build time for many builds at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<BuildBatchInput>()
            .Produces<BuildTimeBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/failure-predictor/predict/batch", PredictFailureRiskBatchAsync)
            .WithName("PredictFailureRiskBatch")
            .WithSummary("Failure risk for many builds at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<BuildBatchInput>()
            .Produces<FailureRiskBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/test-intelligence/select/batch", SelectTestsBatchAsync)
            .WithName("SelectTestsBatch")
            .WithSummary("Test selection for many changes at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<TestSelectionBatchInput>()
            .Produces<TestSelectionBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> PredictBuildTimeBatchAsync(HttpContext http, PredictionHandling handling)
    {
        var (builds, problem) = await ReadBuildBatchAsync(http, handling, PredictorKind.BuildTime);
        if (problem is not null)
        {
            return problem;
        }
        var served = handling.Selector.Current;
        if (served.BuildTime is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.BuildTime, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.BuildTime, served.Deployment.Explanation);
        }
        var features = builds!.Select(b => b.ToFeatures()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var predictions = features.Select(model.Predictor.Predict).ToArray();
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, predictions[0].Model, [.. features.Select(f => new[] { BuildFeatureVector.ToVector(f) })], [.. predictions.Select(p => p.Seconds)], compute);
        return TypedResults.Json(
            new BuildTimeBatchResponse([.. predictions.Select((p, i) => p.ToOutput(builds![i].BuildId))], model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.BuildTimeBatchResponse);
    }

    private static async Task<IResult> PredictFailureRiskBatchAsync(HttpContext http, PredictionHandling handling)
    {
        var (builds, problem) = await ReadBuildBatchAsync(http, handling, PredictorKind.FailureRisk);
        if (problem is not null)
        {
            return problem;
        }
        var served = handling.Selector.Current;
        if (served.FailureRisk is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.FailureRisk, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.FailureRisk, served.Deployment.Explanation);
        }
        var features = builds!.Select(b => b.ToFeatures()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var predictions = features.Select(model.Predictor.Predict).ToArray();
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, predictions[0].Model, [.. features.Select(f => new[] { BuildFeatureVector.ToVector(f) })], [.. predictions.Select(p => p.FailureProbability)], compute);
        return TypedResults.Json(
            new FailureRiskBatchResponse([.. predictions.Select((p, i) => p.ToOutput(builds![i].BuildId))], model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.FailureRiskBatchResponse);
    }

    private static async Task<IResult> SelectTestsBatchAsync(HttpContext http, PredictionHandling handling)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.TestSelectionBatchInput);
        var errors = new FieldErrors();
        if (problem is null)
        {
            ValidateBatch(input?.Changes, "changes", handling.Options.MaxBatchSize, errors,
                (change, prefix) => TestSelectionRules.Validate(change, handling.Options.MaxTestsPerChange, errors, prefix));
            problem = errors.IsEmpty ? null : PredictionProblems.Invalid(errors);
        }
        if (problem is not null)
        {
            PredictionMetrics.Rejected(PredictorKind.TestSelection, "invalid");
            return problem;
        }
        var served = handling.Selector.Current;
        if (served.TestSelection is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.TestSelection, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.TestSelection, served.Deployment.Explanation);
        }
        var changes = input!.Changes!.Select(c => c!).ToArray();
        var requests = changes.Select(c => c.ToRequest()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var results = requests.Select(model.Predictor.Select).ToArray();
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, results[0].Model, [.. requests.Select(r => r.Tests.Select(TestCaseFeatureVector.ToVector).ToArray())], [.. results.Select(r => r.SelectedShare())], compute);
        return TypedResults.Json(
            new TestSelectionBatchResponse([.. results.Select((r, i) => r.ToOutput(changes[i].ChangeId))], model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.TestSelectionBatchResponse);
    }

    private static async Task<(BuildFeaturesInput[]? Builds, IResult? Problem)> ReadBuildBatchAsync(HttpContext http, PredictionHandling handling, PredictorKind kind)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.BuildBatchInput);
        if (problem is null)
        {
            var errors = new FieldErrors();
            ValidateBatch(input?.Builds, "builds", handling.Options.MaxBatchSize, errors, (build, prefix) => BuildFeaturesRules.Validate(build, errors, prefix));
            if (errors.IsEmpty)
            {
                return ([.. input!.Builds!.Select(b => b!)], null);
            }
            problem = PredictionProblems.Invalid(errors);
        }
        PredictionMetrics.Rejected(kind, "invalid");
        return (null, problem);
    }

    private static void ValidateBatch<T>(List<T?>? items, string field, int max, FieldErrors errors, Action<T?, string> validateItem)
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
            validateItem(items[i], $"{field}[{i}].");
        }
    }
}
