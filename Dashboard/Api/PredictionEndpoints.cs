using System.Diagnostics;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Api.Predictions;

namespace MlOpsDashboard.Dashboard.Api;

/// <summary>
/// The platform's prediction routes. Each request reads the served model set once, so a version
/// switch during the request cannot mix versions; the response names the version used.
/// </summary>
public static partial class PredictionEndpoints
{
    public static WebApplication MapPredictionEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(PredictionApiKeyAuthentication.Policy)
            .WithTags("Predictions")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/build-optimizer/predict", PredictBuildTimeAsync)
            .WithName("PredictBuildTime")
            .WithSummary("Predicted duration of a build, with its interval, drivers and recommendations.")
            .AcceptsJson<BuildFeaturesInput>()
            .Produces<BuildTimeResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/failure-predictor/predict", PredictFailureRiskAsync)
            .WithName("PredictFailureRisk")
            .WithSummary("Probability that a build fails, the decision threshold and the drivers.")
            .AcceptsJson<BuildFeaturesInput>()
            .Produces<FailureRiskResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/test-intelligence/select", SelectTestsAsync)
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
        MapBatchEndpoints(api);
        return app;
    }

    private static async Task<IResult> PredictBuildTimeAsync(HttpContext http, PredictionHandling handling)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.BuildFeaturesInput);
        if (Invalid(PredictorKind.BuildTime, input, problem) is { } rejection)
        {
            return rejection;
        }
        var served = handling.Selector.Current;
        if (served.BuildTime is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.BuildTime, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.BuildTime, served.Deployment.Explanation);
        }
        var features = input!.ToFeatures();
        var started = Stopwatch.GetTimestamp();
        var prediction = model.Predictor.Predict(features);
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, prediction.Model, [[BuildFeatureVector.ToVector(features)]], [prediction.Seconds], compute);
        return TypedResults.Json(
            new BuildTimeResponse(prediction.ToOutput(input.BuildId), model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.BuildTimeResponse);
    }

    private static async Task<IResult> PredictFailureRiskAsync(HttpContext http, PredictionHandling handling)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.BuildFeaturesInput);
        if (Invalid(PredictorKind.FailureRisk, input, problem) is { } rejection)
        {
            return rejection;
        }
        var served = handling.Selector.Current;
        if (served.FailureRisk is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.FailureRisk, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.FailureRisk, served.Deployment.Explanation);
        }
        var features = input!.ToFeatures();
        var started = Stopwatch.GetTimestamp();
        var prediction = model.Predictor.Predict(features);
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, prediction.Model, [[BuildFeatureVector.ToVector(features)]], [prediction.FailureProbability], compute);
        return TypedResults.Json(
            new FailureRiskResponse(prediction.ToOutput(input.BuildId), model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.FailureRiskResponse);
    }

    private static async Task<IResult> SelectTestsAsync(HttpContext http, PredictionHandling handling)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.TestSelectionInput);
        if (problem is not null)
        {
            PredictionMetrics.Rejected(PredictorKind.TestSelection, "invalid");
            return problem;
        }
        var errors = new FieldErrors();
        TestSelectionRules.Validate(input, handling.Options.MaxTestsPerChange, errors);
        if (!errors.IsEmpty)
        {
            PredictionMetrics.Rejected(PredictorKind.TestSelection, "invalid");
            return PredictionProblems.Invalid(errors);
        }
        var served = handling.Selector.Current;
        if (served.TestSelection is not { } model)
        {
            PredictionMetrics.Rejected(PredictorKind.TestSelection, "unavailable");
            return PredictionProblems.NotLoaded(PredictorKind.TestSelection, served.Deployment.Explanation);
        }
        var request = input!.ToRequest();
        var started = Stopwatch.GetTimestamp();
        var result = model.Predictor.Select(request);
        var compute = Stopwatch.GetElapsedTime(started);
        handling.Record(http, model, result.Model, [[.. request.Tests.Select(TestCaseFeatureVector.ToVector)]], [result.SelectedShare()], compute);
        return TypedResults.Json(
            new TestSelectionResponse(result.ToOutput(input.ChangeId), model.Info, PredictionHandling.TraceId(http)),
            PredictionJsonContext.Default.TestSelectionResponse);
    }

    private static async Task<IResult> ValidateBuildAsync(HttpContext http, PredictionHandling handling)
    {
        var (input, problem) = await handling.Reader.ReadAsync(http, PredictionJsonContext.Default.BuildFeaturesInput);
        return Invalid(PredictorKind.BuildTime, input, problem)
            ?? TypedResults.Json(new ValidationOkResponse(true, 1), PredictionJsonContext.Default.ValidationOkResponse);
    }

    /// <summary>The 400 for a build request that cannot be read or breaks a rule; null when it is fine.</summary>
    private static IResult? Invalid(PredictorKind kind, BuildFeaturesInput? input, IResult? problem)
    {
        if (problem is null)
        {
            var errors = new FieldErrors();
            BuildFeaturesRules.Validate(input, errors);
            if (errors.IsEmpty)
            {
                return null;
            }
            problem = PredictionProblems.Invalid(errors);
        }
        PredictionMetrics.Rejected(kind, "invalid");
        return problem;
    }
}
