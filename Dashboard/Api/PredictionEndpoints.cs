using System.Diagnostics;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>
/// The platform's prediction routes. Each request reads the served model set once, so a version
/// switch during the request cannot mix versions; the response names the version used.
/// </summary>
public static class PredictionEndpoints
{
    public static WebApplication MapPredictionEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(PredictionApiKeyAuthentication.Policy)
            .WithTags("Predictions")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/build-optimizer/predict", ServeAsync<BuildTimeRoute, BuildFeaturesInput, PreparedBuild, IBuildTimePredictor, BuildTimePrediction>)
            .WithName("PredictBuildTime")
            .WithSummary("Predicted duration of a build, with its interval, drivers and recommendations.")
            .AcceptsJson<BuildFeaturesInput>()
            .Produces<BuildTimeResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/failure-predictor/predict", ServeAsync<FailureRiskRoute, BuildFeaturesInput, PreparedBuild, IFailureRiskPredictor, FailureRiskPrediction>)
            .WithName("PredictFailureRisk")
            .WithSummary("Probability that a build fails, the decision threshold and the drivers.")
            .AcceptsJson<BuildFeaturesInput>()
            .Produces<FailureRiskResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/test-intelligence/select", ServeAsync<TestSelectionRoute, TestSelectionInput, PreparedChange, ITestSelectionPredictor, TestSelectionResult>)
            .WithName("SelectTests")
            .WithSummary("Ranks a change's tests by failure probability and selects by threshold and/or time budget.")
            .AcceptsJson<TestSelectionInput>()
            .Produces<TestSelectionResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/build-optimizer/validate", ValidateBuildAsync)
            .WithName("ValidateBuild")
            .WithSummary("Checks a build request exactly as predict does, without predicting (for client development and load comparison).")
            .AcceptsJson<BuildFeaturesInput>()
            .Produces<ValidationOkResponse>();
        api.MapPost("/build-optimizer/predict/batch", ServeAsync<BuildTimeBatchRoute, BuildBatchInput, PreparedBuild[], IBuildTimePredictor, BuildTimePrediction[]>)
            .WithName("PredictBuildTimeBatch")
            .WithSummary("Build time for many builds at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<BuildBatchInput>()
            .Produces<BuildTimeBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/failure-predictor/predict/batch", ServeAsync<FailureRiskBatchRoute, BuildBatchInput, PreparedBuild[], IFailureRiskPredictor, FailureRiskPrediction[]>)
            .WithName("PredictFailureRiskBatch")
            .WithSummary("Failure risk for many builds at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<BuildBatchInput>()
            .Produces<FailureRiskBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/test-intelligence/select/batch", ServeAsync<TestSelectionBatchRoute, TestSelectionBatchInput, PreparedChange[], ITestSelectionPredictor, TestSelectionResult[]>)
            .WithName("SelectTestsBatch")
            .WithSummary("Test selection for many changes at once (at most Predictions:MaxBatchSize).")
            .AcceptsJson<TestSelectionBatchInput>()
            .Produces<TestSelectionBatchResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Every prediction route: read strictly, validate (400 naming each wrong field), pick the
    /// served model once (503 when none is loaded), time the model's work, log and count, answer
    /// with the version used.
    /// </summary>
    private static async Task<IResult> ServeAsync<TRoute, TInput, TPrepared, TPredictor, TResult>(HttpContext http, PredictionHandling handling)
        where TRoute : struct, IPredictionRoute<TInput, TPrepared, TPredictor, TResult>
        where TInput : class
        where TPredictor : IPredictor
    {
        var (input, problem) = await ReadValidAsync<TRoute, TInput, TPrepared, TPredictor, TResult>(http, handling);
        if (problem is not null)
        {
            return problem;
        }
        var served = handling.Selector.Current;
        if (TRoute.Pick(served) is not { } model)
        {
            PredictionMetrics.Rejected(TRoute.Kind, "unavailable");
            return PredictionProblems.NotLoaded(TRoute.Kind, served.Deployment.Explanation);
        }
        var started = Stopwatch.GetTimestamp();
        var prepared = TRoute.Prepare(input!);
        var result = TRoute.Predict(model.Predictor, prepared);
        var compute = Stopwatch.GetElapsedTime(started);
        var trace = PredictionHandling.TraceId(http);
        handling.Record<TRoute, TInput, TPrepared, TPredictor, TResult>(http, model, prepared, result, compute, trace);
        return TRoute.Answer(input!, result, model.Info, trace);
    }

    private static async Task<IResult> ValidateBuildAsync(HttpContext http, PredictionHandling handling)
    {
        var (_, problem) = await ReadValidAsync<BuildTimeRoute, BuildFeaturesInput, PreparedBuild, IBuildTimePredictor, BuildTimePrediction>(http, handling);
        return problem ?? TypedResults.Json(new ValidationOkResponse(true, 1), PredictionJsonContext.Default.ValidationOkResponse);
    }

    /// <summary>The request read and checked by its route's rules; or the 400/413/415 to answer (counted as invalid).</summary>
    private static async Task<(TInput? Input, IResult? Problem)> ReadValidAsync<TRoute, TInput, TPrepared, TPredictor, TResult>(HttpContext http, PredictionHandling handling)
        where TRoute : struct, IPredictionRoute<TInput, TPrepared, TPredictor, TResult>
        where TInput : class
        where TPredictor : IPredictor
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, TRoute.InputType);
        if (problem is null)
        {
            var errors = new FieldErrors();
            TRoute.Validate(input, handling.Options, errors);
            if (errors.IsEmpty)
            {
                return (input, null);
            }
            problem = PredictionProblems.Invalid(errors);
        }
        PredictionMetrics.Rejected(TRoute.Kind, "invalid");
        return (null, problem);
    }
}
