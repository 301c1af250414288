using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace MlOpsDashboard.Dashboard.Api.Predictions;

/// <summary>
/// A prediction's 200 answer: serialized synchronously with the source-generated JSON context into
/// a buffer reused by the thread, then copied into the response in one piece with its
/// Content-Length. <c>TypedResults.Json</c> streams through the serializer's async path and chunked
/// transfer encoding, which for an answer of one or two kilobytes costs more than the JSON itself.
/// The bytes are those <c>TypedResults.Json</c> writes with the same type information.
/// </summary>
internal sealed class PredictionJsonResult<T>(T value, JsonTypeInfo<T> typeInfo) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    // Per thread, used only between serialization and the copy into the response: nothing awaits in between.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions(typeInfo.Options));
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        var json = buffer.WrittenSpan;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = json.Length;
        // Kestrel flushes the body when the request ends; the copy below is the only write.
        var body = response.BodyWriter;
        json.CopyTo(body.GetSpan(json.Length));
        body.Advance(json.Length);
        return Task.CompletedTask;
    }

    /// <summary>The serializer's own writer settings, as it would create its writer from the context's options.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };
}
