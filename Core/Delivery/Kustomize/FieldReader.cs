using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Strict, typed reads from one mapping of a kustomization file. kustomize unmarshals into Go
/// structs and rejects unknown fields and wrong types; doing the same keeps "renders here" and
/// "renders in Argo CD" the same thing. Errors name the file and the field path.
/// </summary>
internal sealed class FieldReader
{
    private readonly JsonObject _obj;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public FieldReader(JsonObject obj, string file, string path)
    {
        _obj = obj;
        File = file;
        Path = path;
    }

    public string File { get; }

    public string Path { get; }

    public string FieldPath(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public KustomizeException Error(string name, string message) => new(message, File, FieldPath(name));

    public string? String(string name)
    {
        _read.Add(name);
        return _obj[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => throw Error(name, $"expected a string, found {Describe(other)}"),
        };
    }

    public bool Bool(string name)
    {
        _read.Add(name);
        return _obj[name] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            var other => throw Error(name, $"expected true or false, found {Describe(other)}"),
        };
    }

    public long? Integer(string name)
    {
        _read.Add(name);
        return _obj[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) => n,
            var other => throw Error(name, $"expected an integer, found {Describe(other)}"),
        };
    }

    public List<string> StringList(string name)
    {
        _read.Add(name);
        switch (_obj[name])
        {
            case null:
                return [];
            case JsonArray array:
                var list = new List<string>();
                for (var i = 0; i < array.Count; i++)
                {
                    list.Add(array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw Error($"{name}[{i}]", $"expected a string, found {Describe(array[i])}"));
                }
                return list;
            case var other:
                throw Error(name, $"expected a list of strings, found {Describe(other)}");
        }
    }

    public Dictionary<string, string> StringMap(string name)
    {
        _read.Add(name);
        switch (_obj[name])
        {
            case null:
                return new Dictionary<string, string>(StringComparer.Ordinal);
            case JsonObject map:
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in map)
                {
                    result[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw Error($"{name}.{key}", $"expected a string (quote it), found {Describe(value)}");
                }
                return result;
            case var other:
                throw Error(name, $"expected a map of strings, found {Describe(other)}");
        }
    }

    public FieldReader? Object(string name)
    {
        _read.Add(name);
        return _obj[name] switch
        {
            null => null,
            JsonObject obj => new FieldReader(obj, File, FieldPath(name)),
            var other => throw Error(name, $"expected a mapping, found {Describe(other)}"),
        };
    }

    public List<FieldReader> Objects(string name)
    {
        _read.Add(name);
        switch (_obj[name])
        {
            case null:
                return [];
            case JsonArray array:
                var list = new List<FieldReader>();
                for (var i = 0; i < array.Count; i++)
                {
                    list.Add(array[i] is JsonObject obj
                        ? new FieldReader(obj, File, $"{FieldPath(name)}[{i}]")
                        : throw Error($"{name}[{i}]", $"expected a mapping, found {Describe(array[i])}"));
                }
                return list;
            case var other:
                throw Error(name, $"expected a list, found {Describe(other)}");
        }
    }

    /// <summary>Fails on a field this reader did not consume: a typo, or a field of a newer kustomize.</summary>
    public void RejectUnknownFields()
    {
        foreach (var (key, _) in _obj)
        {
            if (!_read.Contains(key))
            {
                throw Error(key, "unknown field");
            }
        }
    }

    /// <summary>Fails if <paramref name="name"/> is present: a kustomize field this renderer does not implement.</summary>
    public void RejectUnsupported(string name)
    {
        _read.Add(name);
        if (_obj.ContainsKey(name))
        {
            throw Error(name, "not supported by the dashboard's kustomize renderer");
        }
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string \"{v}\"",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
