using System.Globalization;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>RFC 6902 JSON patches (add, remove, replace, move, copy, test) on one object.</summary>
internal static class JsonPatch
{
    /// <summary>Checks the shape of every operation before any is applied.</summary>
    public static IReadOnlyList<JsonObject> ReadOperations(JsonArray operations, string file, string field)
    {
        var result = new List<JsonObject>();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op || op["op"]?.ToString() is not ("add" or "remove" or "replace" or "move" or "copy" or "test")
                || op["path"] is not JsonValue)
            {
                throw new KustomizeException($"operation {i} needs 'op' (add, remove, replace, move, copy or test) and 'path'", file, field);
            }
            if (op["op"]!.ToString() is "move" or "copy" && op["from"] is not JsonValue)
            {
                throw new KustomizeException($"operation {i} ({op["op"]}) needs 'from'", file, field);
            }
            if (op["op"]!.ToString() is "add" or "replace" or "test" && !op.ContainsKey("value"))
            {
                throw new KustomizeException($"operation {i} ({op["op"]}) needs 'value'", file, field);
            }
            result.Add(op);
        }
        return result;
    }

    public static void Apply(JsonObject target, IReadOnlyList<JsonObject> operations, string file, string field)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            try
            {
                ApplyOne(target, op);
            }
            catch (KustomizeException e)
            {
                throw new KustomizeException($"operation {i} ({op["op"]} {op["path"]}): {e.Message}", file, field);
            }
        }
    }

    private static void ApplyOne(JsonObject target, JsonObject op)
    {
        var path = op["path"]!.ToString();
        switch (op["op"]!.ToString())
        {
            case "add":
                Add(target, path, op["value"]?.DeepClone());
                break;
            case "remove":
                Remove(target, path);
                break;
            case "replace":
                Remove(target, path);
                Add(target, path, op["value"]?.DeepClone());
                break;
            case "move":
                var moved = Get(target, op["from"]!.ToString());
                Remove(target, op["from"]!.ToString());
                Add(target, path, moved);
                break;
            case "copy":
                Add(target, path, Get(target, op["from"]!.ToString())?.DeepClone());
                break;
            case "test":
                if (!JsonNode.DeepEquals(Get(target, path), op["value"]))
                {
                    throw new KustomizeException("test failed");
                }
                break;
        }
    }

    private static JsonNode? Get(JsonObject target, string pointer)
    {
        var (parent, token) = Parent(target, pointer);
        return parent switch
        {
            null => target,
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array when Index(token, array.Count, allowEnd: false) is var i => array[i],
            _ => throw new KustomizeException($"'{pointer}' does not exist"),
        };
    }

    private static void Add(JsonObject target, string pointer, JsonNode? value)
    {
        var (parent, token) = Parent(target, pointer);
        switch (parent)
        {
            case null:
                throw new KustomizeException("cannot replace the whole object");
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array:
                var index = token == "-" ? array.Count : Index(token, array.Count, allowEnd: true);
                array.Insert(index, value);
                break;
        }
    }

    private static void Remove(JsonObject target, string pointer)
    {
        var (parent, token) = Parent(target, pointer);
        switch (parent)
        {
            case null:
                throw new KustomizeException("cannot remove the whole object");
            case JsonObject obj:
                if (!obj.Remove(token))
                {
                    throw new KustomizeException($"'{pointer}' does not exist");
                }
                break;
            case JsonArray array:
                array.RemoveAt(Index(token, array.Count, allowEnd: false));
                break;
        }
    }

    // The container of the last token and that token; (null, "") for the whole document.
    private static (JsonNode? Parent, string Token) Parent(JsonObject target, string pointer)
    {
        if (pointer.Length == 0)
        {
            return (null, "");
        }
        if (pointer[0] != '/')
        {
            throw new KustomizeException($"'{pointer}' is not a JSON pointer");
        }
        var tokens = pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode current = target;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            current = current switch
            {
                JsonObject obj when obj[token] is { } child => child,
                JsonArray array when array[Index(token, array.Count, allowEnd: false)] is { } element => element,
                _ => throw new KustomizeException($"'{pointer}' does not exist"),
            };
        }
        return (current, tokens[^1]);
    }

    private static int Index(string token, int count, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > count || (!allowEnd && index == count))
        {
            throw new KustomizeException($"array index '{token}' is out of range");
        }
        return index;
    }
}
