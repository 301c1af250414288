using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>RFC 7807 answers of the prediction API, each telling the caller what to change.</summary>
internal static class PredictionProblems
{
    public static ValidationProblem Invalid(FieldErrors errors) => TypedResults.ValidationProblem(
        errors.ToDictionary(),
        detail: errors.Count == 1 ? "One field is wrong; see errors." : $"{errors.Count} fields are wrong; see errors.",
        title: "The request is not valid",
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1");

    public static ValidationProblem Invalid(string field, string problem)
    {
        var errors = new FieldErrors();
        errors.Add(field, problem);
        return Invalid(errors);
    }

    public static ProblemHttpResult NotLoaded(PredictorKind kind, string deployment) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: $"No {ModelVersionId.Slug(kind)} model is loaded yet",
        detail: $"The model registry has no loadable {ModelVersionId.Slug(kind)} version yet (default models are trained at first start; see the Models page). Deployment: {deployment}. Retry shortly.",
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.4");

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "JSON required",
        detail: $"Content-Type is '{contentType}'; send the request as application/json.",
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.16");

    public static IResult BodyTooLarge(long? length, int max) =>
        Invalid("body", $"is {(length is { } l ? $"{l} bytes" : "larger than the limit")}; at most {max} bytes are accepted (Predictions:MaxBodyBytes).");
}
