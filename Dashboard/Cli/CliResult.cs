using System.Text.Json;
using System.Text.Json.Serialization;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Dashboard.Cli;

/// <summary>Everything the CLI computed, as written by --json.</summary>
public sealed class CliResult
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required string Command { get; init; }
    public BuildEvaluationReport? Builds { get; set; }
    public TestSelectionEvaluationReport? Tests { get; set; }
    public List<string> Registered { get; set; } = [];
    public List<GateResult> Gates { get; set; } = [];
}
