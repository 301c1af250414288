using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.Serving.Api;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// Reads a request body strictly: JSON only, size-limited, unknown fields and wrong types are
/// errors naming every offending field. Either the value or the problem to answer with.
/// </summary>
internal sealed class PredictionRequestReader(IOptions<PredictionApiOptions> options)
{
    public async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo) where T : class
    {
        var max = options.Value.MaxBodyBytes;
        var request = http.Request;
        if (!request.HasJsonContentType())
        {
            return (null, PredictionProblems.UnsupportedMediaType(request.ContentType));
        }
        if (request.ContentLength > max)
        {
            return (null, PredictionProblems.BodyTooLarge(request.ContentLength, max));
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(http.RequestAborted);
                var buffer = read.Buffer;
                if (buffer.Length > max)
                {
                    reader.AdvanceTo(buffer.End);
                    return (null, PredictionProblems.BodyTooLarge(null, max));
                }
                if (read.IsCompleted)
                {
                    try
                    {
                        return Parse(buffer, typeInfo);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.End);
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, PredictionProblems.BodyTooLarge(null, max));
        }
    }

    private static (T? Value, IResult? Problem) Parse<T>(ReadOnlySequence<byte> buffer, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (buffer.Length == 0)
        {
            return (null, PredictionProblems.Invalid("body", "is empty; a JSON object is required."));
        }
        // Bodies of a few kilobytes arrive in one segment; the span overload also rejects trailing garbage.
        var bytes = buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray();
        try
        {
            return (JsonSerializer.Deserialize(bytes, typeInfo), null);
        }
        catch (JsonException e)
        {
            return (null, Describe(bytes.ToArray(), typeof(T), e));
        }
    }

    private static IResult Describe(byte[] body, Type type, JsonException e)
    {
        var errors = new FieldErrors();
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            JsonShapeChecker.Check(document.RootElement, type, "", errors);
        }
        catch (JsonException syntax)
        {
            errors.Add("body", $"is not valid JSON: {syntax.Message.Split(" Path:")[0]}");
        }
        if (errors.IsEmpty)
        {
            // Something the shape walk does not model (e.g. a number too large for its type).
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            errors.Add(field, "has a value that cannot be read for this field.");
        }
        return PredictionProblems.Invalid(errors);
    }
}
