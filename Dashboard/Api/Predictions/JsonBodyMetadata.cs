using Microsoft.AspNetCore.OpenApi;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

internal static class JsonBodyMetadata
{
    private const string AnyContentType = "*/*";

    /// <summary>
    /// Documents <typeparamref name="T"/> as the JSON request body. The extra */* keeps routing from
    /// answering a wrong Content-Type itself (its 415 endpoint carries no authorization metadata,
    /// so an API-key client would get a misleading 401); the handler answers 415 with problem
    /// details instead, and the OpenAPI document lists application/json only.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) where T : notnull =>
        builder.Accepts<T>("application/json", AnyContentType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody?.Content?.Remove(AnyContentType);
                return Task.CompletedTask;
            });
}
