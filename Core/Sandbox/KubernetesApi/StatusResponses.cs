using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>Kubernetes <c>Status</c> objects, the body of every error the API server returns.</summary>
internal static class StatusResponses
{
    public static JsonObject Failure(SandboxApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
        };
        if (error.Details is { } details)
        {
            var detailsJson = new JsonObject();
            if (details.Name is not null)
            {
                detailsJson["name"] = details.Name;
            }
            if (details.Group is not null)
            {
                detailsJson["group"] = details.Group;
            }
            if (details.Kind is not null)
            {
                detailsJson["kind"] = details.Kind;
            }
            status["details"] = detailsJson;
        }
        status["code"] = error.Code;
        return status;
    }

    public static Task WriteAsync(HttpContext context, SandboxApiException error) =>
        ApiJson.WriteAsync(context, error.Code, Failure(error));

    public static SandboxApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static SandboxApiException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new SandboxStatusDetails(null, null, null));

    public static SandboxApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static SandboxApiException UnsupportedPatch(string? contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format ({contentType}) - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json");

    public static SandboxApiException Injected(int code) => code switch
    {
        429 => new(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later (sandbox fault)"),
        503 => new(503, "ServiceUnavailable", "the server is currently unable to handle the request (sandbox fault)"),
        504 => new(504, "Timeout", "the server was unable to return a response in the time allotted (sandbox fault)"),
        _ => new(code, "InternalError", "Internal error occurred: sandbox fault injection"),
    };
}
