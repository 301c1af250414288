using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Multi-document YAML to <see cref="JsonNode"/>, typed as kustomize types it (see
/// <see cref="YamlScalars"/>), and a canonical JSON form for comparing objects.
/// </summary>
public static class ManifestYaml
{
    private const string MergeKey = "<<";

    /// <summary>Every document of <paramref name="yaml"/>; empty documents are null.</summary>
    public static IReadOnlyList<JsonNode?> ParseDocuments(string yaml, string? file = null) =>
        Parse(yaml, file, yaml11Booleans: false);

    /// <summary>The non-empty documents of <paramref name="yaml"/>, each of which must be a mapping.</summary>
    public static IReadOnlyList<JsonObject> ParseObjects(string yaml, string? file = null)
    {
        var objects = new List<JsonObject>();
        foreach (var document in ParseDocuments(yaml, file))
        {
            switch (document)
            {
                case null:
                    break;
                case JsonObject obj:
                    objects.Add(obj);
                    break;
                default:
                    throw new KustomizeException($"expected a mapping (a Kubernetes object), found {document.GetValueKind()}", file);
            }
        }
        return objects;
    }

    /// <summary>Compact JSON with object keys sorted ordinally at every level.</summary>
    public static string ToCanonicalJson(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    /// <summary>A deep copy of <paramref name="node"/> with object keys sorted ordinally, as kustomize prints them.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    internal static string DecodeUtf8(byte[] bytes, string file)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new KustomizeException("not valid UTF-8 text", file);
        }
    }

    internal static IReadOnlyList<JsonNode?> Parse(string yaml, string? file, bool yaml11Booleans)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new Reader(yaml11Booleans, file);
        try
        {
            return reader.ReadStream(new Parser(new StringReader(yaml)));
        }
        catch (YamlException e)
        {
            throw new KustomizeException($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", file, inner: e);
        }
    }

    private sealed class Reader(bool yaml11Booleans, string? file)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);

        public List<JsonNode?> ReadStream(IParser parser)
        {
            var documents = new List<JsonNode?>();
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                _anchors.Clear();
                documents.Add(ReadNode(parser));
                parser.Consume<DocumentEnd>();
            }
            parser.Consume<StreamEnd>();
            return documents;
        }

        private JsonNode? ReadNode(IParser parser)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored?.DeepClone()
                    : throw Error($"unknown anchor '{alias.Value.Value}'", alias.Start);
            }
            var start = parser.Current as NodeEvent ?? throw Error("expected a YAML node", parser.Current?.Start ?? Mark.Empty);
            JsonNode? node = start switch
            {
                Scalar scalar => ReadScalar(parser, scalar),
                SequenceStart => ReadSequence(parser),
                MappingStart => ReadMapping(parser),
                _ => throw Error($"unexpected {start.GetType().Name}", start.Start),
            };
            if (!start.Anchor.IsEmpty)
            {
                _anchors[start.Anchor.Value] = node?.DeepClone();
            }
            return node;
        }

        private JsonNode? ReadScalar(IParser parser, Scalar scalar)
        {
            parser.MoveNext();
            try
            {
                if (!scalar.Tag.IsEmpty)
                {
                    return scalar.Tag.IsNonSpecific ? JsonValue.Create(scalar.Value) : YamlScalars.ResolveTagged(scalar.Tag.Value, scalar.Value);
                }
                return scalar.Style == ScalarStyle.Plain
                    ? YamlScalars.ResolvePlain(scalar.Value, yaml11Booleans)
                    : JsonValue.Create(scalar.Value);
            }
            catch (KustomizeException e)
            {
                throw Error(e.Message, scalar.Start);
            }
        }

        private JsonArray ReadSequence(IParser parser)
        {
            parser.Consume<SequenceStart>();
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser));
            }
            return array;
        }

        private JsonObject ReadMapping(IParser parser)
        {
            parser.Consume<MappingStart>();
            var obj = new JsonObject();
            var merged = new List<JsonObject>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current;
                if (keyEvent is not Scalar keyScalar)
                {
                    throw Error("only scalar mapping keys can be represented in JSON", keyEvent?.Start ?? Mark.Empty);
                }
                parser.MoveNext();
                var value = ReadNode(parser);
                if (keyScalar.Value == MergeKey && keyScalar.Style == ScalarStyle.Plain && keyScalar.Tag.IsEmpty)
                {
                    merged.AddRange(MergeSources(value, keyScalar.Start));
                    continue;
                }
                if (obj.ContainsKey(keyScalar.Value))
                {
                    throw Error($"mapping key \"{keyScalar.Value}\" already defined", keyScalar.Start);
                }
                obj[keyScalar.Value] = value;
            }
            // Keys written in the mapping win over merged ones; earlier merge sources win over later.
            foreach (var source in merged)
            {
                foreach (var (key, value) in source)
                {
                    if (!obj.ContainsKey(key))
                    {
                        obj[key] = value?.DeepClone();
                    }
                }
            }
            return obj;
        }

        private IEnumerable<JsonObject> MergeSources(JsonNode? value, Mark at) => value switch
        {
            JsonObject single => [single],
            JsonArray many when many.All(m => m is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => throw Error("'<<' must merge a mapping or a sequence of mappings", at),
        };

        private KustomizeException Error(string message, Mark at) =>
            new($"line {at.Line}, column {at.Column}: {message}", file);
    }
}
