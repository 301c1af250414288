using System.Text.Json.Nodes;
using k8s;

namespace MlOpsDashboard.Core.Sandbox.Platform;

internal static class SandboxJson
{
    /// <summary>Any k8s model part (a condition, a container state) as JSON, in the client's own wire format.</summary>
    public static JsonNode ToNode(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;
}

internal static class Labels
{
    public static string? Of(k8s.Models.V1ObjectMeta? metadata, string key) =>
        metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
}
