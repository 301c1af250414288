using System.Text;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>configMapGenerator and secretGenerator: key/value sources turned into objects.</summary>
internal static class Generators
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static Resource Generate(IManifestSource source, Kustomization k, GeneratorArgs args, bool secret)
    {
        var field = args.Field;
        if (args.Name.Length == 0)
        {
            throw new KustomizeException($"a {(secret ? "secret" : "configmap")} must have a name", k.File, field);
        }
        var data = LoadPairs(source, k, args, field);
        var metadata = new JsonObject { ["name"] = args.Name };
        if (!string.IsNullOrEmpty(args.Namespace))
        {
            metadata["namespace"] = args.Namespace;
        }
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = secret ? "Secret" : "ConfigMap",
            ["metadata"] = metadata,
        };
        if (secret)
        {
            obj["type"] = string.IsNullOrEmpty(args.Type) ? "Opaque" : args.Type;
            if (data.Count > 0)
            {
                obj["data"] = new JsonObject(data.Select(p =>
                    KeyValuePair.Create(p.Key, (JsonNode?)Convert.ToBase64String(p.Value))));
            }
        }
        else
        {
            // Text goes to data; bytes that are not UTF-8 go to binaryData, base64-encoded.
            var text = new JsonObject();
            var binary = new JsonObject();
            foreach (var (key, bytes) in data)
            {
                if (TryDecode(bytes, out var value))
                {
                    text[key] = value;
                }
                else
                {
                    binary[key] = Convert.ToBase64String(bytes);
                }
            }
            if (text.Count > 0)
            {
                obj["data"] = text;
            }
            if (binary.Count > 0)
            {
                obj["binaryData"] = binary;
            }
        }
        var options = args.Options;
        if (options is not null)
        {
            SetSorted(metadata, "labels", options.Labels);
            SetSorted(metadata, "annotations", options.Annotations);
            if (options.Immutable)
            {
                obj["immutable"] = true;
            }
        }
        return new Resource(obj, k.File)
        {
            NeedsHashSuffix = options is not { DisableNameSuffixHash: true },
        };
    }

    private static void SetSorted(JsonObject metadata, string field, Dictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        var map = new JsonObject();
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            map[key] = values[key];
        }
        metadata[field] = map;
    }

    // kustomize's kv loader order: env files, then literals, then files; a key may appear once.
    private static SortedDictionary<string, byte[]> LoadPairs(IManifestSource source, Kustomization k, GeneratorArgs args, string field)
    {
        var pairs = new List<(string Key, byte[] Value)>();
        foreach (var env in args.Envs)
        {
            var text = Encoding.UTF8.GetString(k.ReadLocalFile(source, env, $"{field}.envs"));
            pairs.AddRange(ParseEnvFile(text, k.File, $"{field}.envs").Select(p => (p.Key, Encoding.UTF8.GetBytes(p.Value))));
        }
        foreach (var literal in args.Literals)
        {
            var equals = literal.IndexOf('=');
            if (equals <= 0)
            {
                throw new KustomizeException($"invalid literal source {literal}, expected key=value", k.File, $"{field}.literals");
            }
            pairs.Add((literal[..equals], Encoding.UTF8.GetBytes(RemoveQuotes(literal[(equals + 1)..]))));
        }
        foreach (var fileSource in args.Files)
        {
            var equals = fileSource.IndexOf('=');
            var (key, path) = equals switch
            {
                < 0 => (ManifestPath.FileName(fileSource), fileSource),
                0 => throw new KustomizeException($"missing key name for file path in source {fileSource}", k.File, $"{field}.files"),
                _ => (fileSource[..equals], fileSource[(equals + 1)..]),
            };
            if (path.Length == 0 || path.Contains('='))
            {
                throw new KustomizeException($"invalid file source {fileSource}", k.File, $"{field}.files");
            }
            pairs.Add((key, k.ReadLocalFile(source, path, $"{field}.files")));
        }
        var data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!data.TryAdd(key, value))
            {
                throw new KustomizeException($"{args.Name} illegally repeats the key `{key}`", k.File, field);
            }
        }
        return data;
    }

    private static List<KeyValuePair<string, string>> ParseEnvFile(string text, string file, string field)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (i == 0 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }
            line = line.TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var equals = line.IndexOf('=');
            var key = equals < 0 ? line : line[..equals];
            if (key.Length == 0)
            {
                throw new KustomizeException($"line {i + 1}: missing variable name", file, field);
            }
            pairs.Add(KeyValuePair.Create(key, equals < 0 ? "" : line[(equals + 1)..]));
        }
        return pairs;
    }

    // Surrounding quotes of the same kind are dropped: KEY="a b" holds a b.
    private static string RemoveQuotes(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;

    private static bool TryDecode(byte[] bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
