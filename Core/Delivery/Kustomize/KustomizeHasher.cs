using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// The name suffix kustomize gives generated ConfigMaps and Secrets (api/hasher): SHA-256 over
/// Go's JSON encoding of {kind, name, data[, binaryData]} (Secrets add type[, stringData]),
/// whose first ten hex digits are made less word-like by swapping 0,1,3,a,e for g,h,k,m,t.
/// </summary>
/// <remarks>
/// kustomize looks the name up as one field called "metadata/name", which never exists, so the
/// name always hashes as "": two ConfigMaps with equal data get the same suffix. Verified
/// against kubectl kustomize v5.5; reproduced here on purpose.
/// </remarks>
public static class KustomizeHasher
{
    /// <summary>The 10-character suffix for a ConfigMap or Secret object.</summary>
    public static string Hash(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = obj["kind"]?.GetValue<string>();
        var encoded = kind switch
        {
            "ConfigMap" => EncodeConfigMap(obj),
            "Secret" => EncodeSecret(obj),
            _ => throw new KustomizeException($"only ConfigMaps and Secrets get a hash suffix, not {kind}"),
        };
        return Encode(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(encoded))));
    }

    private static string EncodeConfigMap(JsonObject obj)
    {
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["kind"] = "ConfigMap",
            ["name"] = "",
            ["data"] = Field(obj["data"]),
        };
        // kustomize adds binaryData only when it is a map, so an absent field does not change the hash.
        if (obj["binaryData"] is JsonObject binary)
        {
            fields["binaryData"] = binary;
        }
        return GoJson(fields);
    }

    private static string EncodeSecret(JsonObject obj)
    {
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["kind"] = "Secret",
            ["type"] = Field(obj["type"]),
            ["name"] = "",
            ["data"] = Field(obj["data"]),
        };
        if (obj["stringData"] is JsonObject stringData)
        {
            fields["stringData"] = stringData;
        }
        return GoJson(fields);
    }

    // kustomize reads each field by path: a missing one hashes as "", a scalar as its text.
    private static JsonNode? Field(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() is JsonValueKind.String => v,
        JsonValue v => v.ToJsonString(),
        _ => node,
    };

    private static string Encode(string hex)
    {
        var chars = hex[..10].ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '0' => 'g',
                '1' => 'h',
                '3' => 'k',
                'a' => 'm',
                'e' => 't',
                var c => c,
            };
        }
        return new string(chars);
    }

    private static string GoJson(SortedDictionary<string, JsonNode?> fields)
    {
        var builder = new StringBuilder();
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in fields)
        {
            if (!first)
            {
                builder.Append(',');
            }
            first = false;
            AppendString(builder, key);
            builder.Append(':');
            AppendValue(builder, value);
        }
        return builder.Append('}').ToString();
    }

    // Go's encoding/json: map keys sorted, no spaces, HTML-safe string escaping.
    private static void AppendValue(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }
                    first = false;
                    AppendString(builder, key);
                    builder.Append(':');
                    AppendValue(builder, value);
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    AppendValue(builder, array[i]);
                }
                builder.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                AppendString(builder, v.GetValue<string>());
                break;
            default:
                // Numbers and booleans (not expected in ConfigMap data) print as JSON does.
                builder.Append(node.ToJsonString());
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < 0x20 or '<' or '>' or '&' or 0x2028 or 0x2029:
                    builder.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }
        builder.Append('"');
    }
}
