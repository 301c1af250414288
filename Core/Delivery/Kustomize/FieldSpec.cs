using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>What a field walk creates when the last field is missing.</summary>
internal enum CreateKind
{
    None,
    Map,
    Scalar,
}

/// <summary>
/// A kustomize field spec: a '/'-separated path into objects of a type. A segment ending in "[]"
/// (or holding a list) applies to every element; "\/" escapes a '/' inside a key.
/// </summary>
internal sealed record FieldSpec(string? Group, string? Version, string? Kind, string Path, bool Create)
{
    public bool AppliesTo(Gvk gvk) => gvk.IsSelectedBy(Group, Version, Kind);

    public IReadOnlyList<string> Segments { get; } = Split(Path);

    /// <summary>
    /// Calls <paramref name="set"/> with the mapping and key of every field the path reaches,
    /// creating missing mappings on the way when the spec says so (kustomize's fieldspec filter).
    /// </summary>
    public void Visit(JsonObject root, CreateKind createKind, Action<JsonObject, string> set) =>
        Visit(root, 0, Create ? createKind : CreateKind.None, set);

    private void Visit(JsonNode? node, int index, CreateKind create, Action<JsonObject, string> set)
    {
        switch (node)
        {
            case null:
                return;
            case JsonArray array:
                foreach (var element in array.ToList())
                {
                    Visit(element, index, create, set);
                }
                return;
            case JsonObject obj:
                VisitField(obj, index, create, set);
                return;
            default:
                throw new KustomizeException($"expected a mapping or a list on the way to '{Path}', found {FieldReader.Describe(node)}");
        }
    }

    private void VisitField(JsonObject obj, int index, CreateKind create, Action<JsonObject, string> set)
    {
        var segment = Segments[index];
        var isSequence = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = isSequence ? segment[..^2] : segment;
        var last = index == Segments.Count - 1;
        var kind = create == CreateKind.None || isSequence ? CreateKind.None : last ? create : CreateKind.Map;
        var exists = obj.TryGetPropertyValue(name, out var value);
        if (!exists && kind == CreateKind.None)
        {
            return;
        }
        if (kind == CreateKind.Map && value is null)
        {
            value = new JsonObject();
            obj[name] = value;
        }
        if (last)
        {
            set(obj, name);
            return;
        }
        Visit(value, index + 1, create, set);
    }

    private static List<string> Split(string path)
    {
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '/')
            {
                current.Append('/');
                i++;
            }
            else if (path[i] == '/')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }
        segments.Add(current.ToString());
        return segments;
    }
}
