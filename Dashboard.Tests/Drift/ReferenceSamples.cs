using System.Text.Json;
using System.Text.Json.Nodes;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>
/// The scipy-computed expectations in reference/expected.json (made by reference/make_expected.py)
/// and the same deterministic samples the script drew: a 64-bit LCG whose values are exact in both languages.
/// </summary>
public static class ReferenceSamples
{
    private static readonly Lazy<JsonObject> Expected = new(() =>
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "Dashboard.Tests", "Drift", "reference", "expected.json")))!.AsObject());

    public static JsonArray Numeric => Expected.Value["numeric"]!.AsArray();

    public static JsonArray Categorical => Expected.Value["categorical"]!.AsArray();

    public static JsonArray Kolmogorov => Expected.Value["kolmogorov"]!.AsArray();

    public static TheoryData<string> Names(JsonArray cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases)
        {
            data.Add(c!["name"]!.GetValue<string>());
        }
        return data;
    }

    public static JsonObject Case(JsonArray cases, string name) => cases.Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    public static double[] Sample(JsonNode parameters) => Sample(
        parameters["seed"]!.GetValue<ulong>(),
        parameters["count"]!.GetValue<int>(),
        parameters["shift"]?.GetValue<double>() ?? 0.0,
        parameters["scale"]?.GetValue<double>() ?? 1.0,
        parameters["integers"]?.GetValue<int>() ?? 0);

    public static double[] Sample(ulong seed, int count, double shift = 0.0, double scale = 1.0, int integers = 0)
    {
        var state = seed;
        var values = new double[count];
        Span<ulong> draws = stackalloc ulong[3];
        for (var i = 0; i < count; i++)
        {
            for (var d = 0; d < 3; d++)
            {
                state = unchecked(state * 6364136223846793005UL + 1442695040888963407UL);
                draws[d] = (state >> 33) % 100000;
            }
            values[i] = integers > 0 ? draws[0] % (ulong)integers : (draws[0] + draws[1] + draws[2]) / 3000.0 * scale + shift;
        }
        return values;
    }

    public static string[] Categories(JsonNode parameters)
    {
        var k = parameters["k"]!.GetValue<int>();
        var skew = (parameters["skew"]?.GetValue<int>() ?? 0) != 0;
        var values = Sample(parameters["seed"]!.GetValue<ulong>(), parameters["count"]!.GetValue<int>(), integers: k);
        return [.. values.Select((v, i) => "c" + Math.Min((int)v + (i % 3 == 0 && skew ? 1 : 0), k - 1))];
    }

    public static double? Number(JsonObject c, string key) => c[key] is { } node && node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : null;
}
