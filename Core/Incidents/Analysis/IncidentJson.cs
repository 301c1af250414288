using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsDashboard.Core.Incidents.Analysis;

/// <summary>The one JSON shape of incidents and reports: camelCase, enums as strings, the same in the CLI, the API and storage.</summary>
public static class IncidentJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads an incident; a malformed document raises <see cref="IncidentFormatException"/> naming where.</summary>
    public static CapturedIncident ReadIncident(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CapturedIncident>(json, Options)
                ?? throw new IncidentFormatException("The document is null; expected an incident object.");
        }
        catch (JsonException e)
        {
            throw new IncidentFormatException($"Not a valid incident: {e.Message}");
        }
    }
}

public sealed class IncidentFormatException(string message) : Exception(message);
