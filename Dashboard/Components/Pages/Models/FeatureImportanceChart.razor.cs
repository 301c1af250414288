using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Predictors.Registry;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Components.Pages.Models;

/// <summary>
/// One version's permutation feature importance as horizontal bars, most important on top: what
/// the model leans on, so two versions can be compared at a glance.
/// </summary>
public partial class FeatureImportanceChart
{
    [Parameter, EditorRequired] public required ModelVersionId Version { get; set; }

    [Parameter, EditorRequired] public required FeatureImportanceSet Importance { get; set; }

    /// <summary>Why the stored importance could not be read, if it could not.</summary>
    [Parameter] public string? Error { get; set; }

    /// <summary>How many of the most important features to draw.</summary>
    [Parameter] public int Top { get; set; } = 12;

    internal IReadOnlyList<FeatureImportance> Shown => [.. Importance.Features.OrderByDescending(f => f.Importance).Take(Top)];

    private IReadOnlyList<ITrace> Traces =>
    [
        new Bar
        {
            Name = Version.ToString(),
            Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            // Plotly draws the first category at the bottom; reversed, the most important is on top.
            X = [.. Shown.Reverse().Select(f => (object)f.Importance)],
            Y = [.. Shown.Reverse().Select(f => (object)f.Feature)],
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#1e88e5" },
        },
    ];

    private static void ConfigureLayout(Plotly.Blazor.Layout layout)
    {
        // Feature names are long; give the category axis room.
        layout.Margin.L = 200;
        layout.ShowLegend = false;
    }
}
