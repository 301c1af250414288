using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>
/// JSON Merge Patch (RFC 7386): objects merge recursively, null deletes a member, anything else
/// (arrays included) replaces. The sandbox also applies strategic-merge patches this way, which
/// differs only for lists with merge keys (containers, conditions), which its callers do not patch.
/// </summary>
public static class MergePatch
{
    /// <summary>Returns the patched document; <paramref name="target"/> is not modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }
}
