using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Cluster.Diff;

/// <summary>
/// Makes a desired (git) and a live (API) object comparable, the way Argo CD's diff does: the
/// server's bookkeeping (status, managedFields, resourceVersion, uid, creationTimestamp,
/// generation) and the annotations tools add are dropped, and fields the live object has that
/// git never set (defaults the API server filled in) are left out of the live side, unless
/// kubectl's last-applied configuration shows git once set them.
/// </summary>
public static class ManifestNormalizer
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly string[] ServerMetadata = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences"];

    private static readonly string[] ToolAnnotations =
    [
        LastAppliedAnnotation,
        "deployment.kubernetes.io/revision",
        "argocd.argoproj.io/tracking-id",
    ];

    /// <summary>A normalized copy of the object from git.</summary>
    public static JsonObject Desired(JsonObject desired) => Clean(desired);

    /// <summary>A normalized copy of the live object, shaped after <paramref name="desired"/> where the API server added defaults.</summary>
    public static JsonObject Live(JsonObject live, JsonObject? desired)
    {
        var lastApplied = LastApplied(live);
        var clean = Clean(live);
        if (desired is null)
        {
            return clean;
        }
        var shape = Clean(desired);
        return (JsonObject)Prune(clean, shape, lastApplied is null ? null : Clean(lastApplied))!;
    }

    private static JsonObject Clean(JsonObject source)
    {
        var copy = (JsonObject)source.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata)
            {
                metadata.Remove(field);
            }
            if (metadata["annotations"] is JsonObject annotations)
            {
                foreach (var annotation in ToolAnnotations)
                {
                    annotations.Remove(annotation);
                }
                if (annotations.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }
            if (metadata["labels"] is JsonObject { Count: 0 })
            {
                metadata.Remove("labels");
            }
        }
        return copy;
    }

    private static JsonObject? LastApplied(JsonObject live)
    {
        var text = live["metadata"]?["annotations"]?[LastAppliedAnnotation]?.GetValue<string>();
        try
        {
            return text is null ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Keeps a live field when git has it, or when the last apply had it (git removed it since:
    // that is drift worth seeing); a field neither ever set is the server's default.
    private static JsonNode? Prune(JsonNode? live, JsonNode? desired, JsonNode? lastApplied)
    {
        switch (live)
        {
            case JsonObject liveObject when desired is JsonObject desiredObject:
                var pruned = new JsonObject();
                foreach (var (key, value) in liveObject)
                {
                    var inDesired = desiredObject.ContainsKey(key);
                    var inLastApplied = lastApplied is JsonObject applied && applied.ContainsKey(key);
                    if (inDesired || inLastApplied)
                    {
                        pruned[key] = Prune(value, desiredObject[key], (lastApplied as JsonObject)?[key]);
                    }
                }
                return pruned;
            case JsonArray liveArray when desired is JsonArray desiredArray:
                // Lists match by position (containers, ports): extra live items stay visible.
                var items = new JsonArray();
                for (var i = 0; i < liveArray.Count; i++)
                {
                    items.Add(i < desiredArray.Count ? Prune(liveArray[i], desiredArray[i], (lastApplied as JsonArray)?.ElementAtOrDefault(i)) : liveArray[i]?.DeepClone());
                }
                return items;
            default:
                return live?.DeepClone();
        }
    }
}
