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

    /// <summary>The answer type's fast-path type information (<see cref="PredictionAnswerJsonContext"/>), looked up once per type.</summary>
    private static readonly JsonTypeInfo<T>? FastTypeInfo = PredictionAnswerJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var json = Serialize(value, typeInfo);
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

    /// <summary>
    /// The answer's JSON in the thread's buffer: through the generated fast path when the type has
    /// one; an answer the fast path refuses (a NaN or infinite number, which only the named-literal
    /// handling of <paramref name="strict"/> can write) is written again with <paramref name="strict"/>.
    /// </summary>
    internal static ReadOnlySpan<byte> Serialize(T value, JsonTypeInfo<T> strict)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions(strict.Options));
        if (FastTypeInfo is { } fast)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            try
            {
                JsonSerializer.Serialize(writer, value, fast);
                writer.Flush();
                return buffer.WrittenSpan;
            }
            catch (ArgumentException)
            {
                // A non-finite number: the writer refuses it without named-literal handling.
            }
        }
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, strict);
        writer.Flush();
        return buffer.WrittenSpan;
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
