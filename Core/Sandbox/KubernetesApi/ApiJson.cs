using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Http;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// Writes API responses straight from the store's shared objects with Utf8JsonWriter: putting
/// them into a new JsonNode tree would re-parent (mutate) them.
/// </summary>
internal static class ApiJson
{
    public const string ContentType = "application/json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body)
    {
        var bytes = Serialize(writer => body.WriteTo(writer));
        await WriteBytesAsync(context, statusCode, bytes);
    }

    /// <summary>A <c>PodList</c>-style response; built-in kinds' items omit kind/apiVersion as the API server's do.</summary>
    public static async Task WriteListAsync(HttpContext context, SandboxResource resource, SandboxObjectList list)
    {
        var bytes = Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", resource.ListKind);
            writer.WriteString("apiVersion", resource.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", list.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in list.Items)
            {
                writer.WriteStartObject();
                foreach (var (name, value) in item)
                {
                    if (resource.Custom || name is not ("kind" or "apiVersion"))
                    {
                        writer.WritePropertyName(name);
                        WriteValue(writer, value);
                    }
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        await WriteBytesAsync(context, StatusCodes.Status200OK, bytes);
    }

    /// <summary>One newline-terminated watch event line.</summary>
    public static byte[] WatchEventLine(WatchEventType type, JsonNode obj)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeName(type));
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static string TypeName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        WatchEventType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteBytesAsync(HttpContext context, int statusCode, byte[] bytes)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
