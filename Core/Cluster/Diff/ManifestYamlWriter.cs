using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace MlOpsDashboard.Core.Cluster.Diff;

/// <summary>An object as YAML with its keys sorted, so two versions line up for a diff.</summary>
public static class ManifestYamlWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Write(JsonNode? node) => Serializer.Serialize(Plain(node));

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new SortedDictionary<string, object?>(o.ToDictionary(p => p.Key, p => Plain(p.Value)), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // By text: a number parsed from YAML and one read from the API hold different CLR types.
            JsonValueKind.Number => long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
                : decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : v.ToJsonString(),
            _ => null,
        },
        _ => node.ToJsonString(),
    };
}
