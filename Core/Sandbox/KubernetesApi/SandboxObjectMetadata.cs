using System.Globalization;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>Reads and stamps the metadata fields the store owns.</summary>
internal static class SandboxObjectMetadata
{
    public static JsonObject MetadataOf(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    public static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    public static long ResourceVersionOf(JsonObject obj) =>
        long.TryParse(obj["metadata"]?["resourceVersion"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static string? ResourceVersionTextOf(JsonNode? obj) => obj?["metadata"]?["resourceVersion"]?.GetValue<string>();

    public static long GenerationOf(JsonObject obj) => obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    /// <summary>RFC 3339 to the second, as metav1.Time serializes.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when two objects differ in more than the store-owned resourceVersion.</summary>
    public static bool DiffersIgnoringResourceVersion(JsonObject a, JsonObject b)
    {
        var left = (JsonObject)a.DeepClone();
        var right = (JsonObject)b.DeepClone();
        MetadataOf(left).Remove("resourceVersion");
        MetadataOf(right).Remove("resourceVersion");
        return !JsonNode.DeepEquals(left, right);
    }

    /// <summary>
    /// JsonObject builds its member dictionary lazily on first read, which is not safe to race;
    /// walking the tree once before it is shared makes later concurrent reads plain lookups.
    /// </summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }
                break;
        }
    }
}
