using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Strategic merge patches as kustomize v5 applies them (kyaml merge2, patch elements first):
/// maps merge, null deletes, lists with a Kubernetes merge key merge element by element, a
/// "$patch: delete" or "$patch: replace" directive deletes or replaces, and other lists
/// are replaced by the patch's list.
/// </summary>
internal static class StrategicMerge
{
    private const string Directive = "$patch";

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/>; null means the patch deletes the object.</summary>
    public static JsonObject? Apply(JsonObject target, JsonObject patch, Gvk gvk) =>
        MergeMap(target, patch, new List<string>(), gvk);

    private static JsonNode? Merge(JsonNode? dest, JsonNode? patch, List<string> path, Gvk gvk) => patch switch
    {
        JsonObject map => MergeMap(dest as JsonObject ?? new JsonObject(), map, path, gvk),
        JsonArray list => MergeList(dest as JsonArray, list, path, gvk),
        _ => patch?.DeepClone(),
    };

    private static JsonObject? MergeMap(JsonObject dest, JsonObject patch, List<string> path, Gvk gvk)
    {
        switch (patch[Directive]?.ToString())
        {
            case null:
                break;
            case "delete":
                return null;
            case "replace":
                var replacement = (JsonObject)Merge(null, WithoutDirective(patch), path, gvk)!;
                return replacement;
            case "merge":
                break;
            case var other:
                throw new KustomizeException($"unknown strategic merge patch directive '$patch: {other}' at {Describe(path)}");
        }
        foreach (var (key, value) in patch.ToList())
        {
            if (key == Directive)
            {
                continue;
            }
            if (key.StartsWith('$'))
            {
                throw new KustomizeException($"strategic merge patch directive '{key}' at {Describe(path)} is not supported by the dashboard's kustomize renderer");
            }
            if (value is null)
            {
                dest.Remove(key);
                continue;
            }
            path.Add(key);
            var merged = Merge(dest[key], value, path, gvk);
            path.RemoveAt(path.Count - 1);
            if (merged is null && value is JsonObject)
            {
                dest.Remove(key);
            }
            else
            {
                dest[key] = merged;
            }
        }
        return dest;
    }

    private static JsonArray MergeList(JsonArray? dest, JsonArray patch, List<string> path, Gvk gvk)
    {
        // A "- $patch: replace" element makes the rest of the patch list the whole list.
        var replace = patch.OfType<JsonObject>().Any(e => IsBareDirective(e) && e[Directive]?.ToString() == "replace");
        var elements = patch.Where(e => !(e is JsonObject o && IsBareDirective(o) && o[Directive]?.ToString() == "replace")).ToList();
        var key = replace ? null : StrategicMergeSchema.ListKey(gvk, path);
        if (key is null)
        {
            return new JsonArray(elements.Select(e => Merge(null, e, path, gvk)).Where(e => e is not null).ToArray());
        }
        dest ??= [];
        if (key.Length == 0)
        {
            // A set of scalars (finalizers): the patch's values first, then the rest, each once.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var union = new JsonArray();
            foreach (var item in elements.Concat(dest))
            {
                if (item is not null && seen.Add(ScalarText(item)))
                {
                    union.Add(item.DeepClone());
                }
            }
            return union;
        }
        var order = new List<string>();
        foreach (var item in elements.Concat(dest))
        {
            if (item is JsonObject element && element[key] is JsonValue value && !order.Contains(ScalarText(value)))
            {
                order.Add(ScalarText(value));
            }
        }
        var result = new JsonArray();
        foreach (var value in order)
        {
            var existing = dest.OfType<JsonObject>().FirstOrDefault(e => e[key] is JsonValue v && ScalarText(v) == value);
            var change = elements.OfType<JsonObject>().FirstOrDefault(e => e[key] is JsonValue v && ScalarText(v) == value);
            if (change?[Directive]?.ToString() == "delete")
            {
                continue;
            }
            var merged = change is null ? existing!.DeepClone() : Merge(existing?.DeepClone(), change, path, gvk);
            // An element the patch empties (or deletes) leaves the list.
            if (merged is JsonObject { Count: > 0 } map)
            {
                map[key] ??= existing?[key]?.DeepClone() ?? change![key]!.DeepClone();
                result.Add(map);
            }
        }
        // Elements without the merge key are kept as they are, after the keyed ones; a bare
        // directive element has nothing to keep.
        foreach (var item in dest.Concat(elements).Where(i => i is not JsonObject o || (o[key] is null && !IsBareDirective(o))))
        {
            result.Add(item?.DeepClone());
        }
        return result;
    }

    private static bool IsBareDirective(JsonObject element) => element.Count == 1 && element.ContainsKey(Directive);

    private static JsonObject WithoutDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(Directive);
        return copy;
    }

    private static string ScalarText(JsonNode node) => node is JsonValue v ? v.ToString() : node.ToJsonString();

    private static string Describe(List<string> path) => path.Count == 0 ? "the top level" : string.Join('.', path);
}
