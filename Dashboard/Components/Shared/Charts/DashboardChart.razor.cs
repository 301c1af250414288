using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.LayoutLib.ShapeLib;

namespace MlOpsDashboard.Dashboard.Components.Shared.Charts;

/// <summary>
/// The one chart component of the app, over Plotly.Blazor: zoom, pan and hover come from Plotly;
/// this wrapper gives every chart the same look in light and dark theme, and turns deploy markers
/// and thresholds into shapes so pages only say what to draw.
/// </summary>
public sealed partial class DashboardChart
{
    private readonly string _id = "chart-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private PlotlyChart? _chart;
    private IList<ITrace> _data = [];
    private Plotly.Blazor.Layout _layout = new();
    private bool _rendered;
    private bool _redrawPending;

    /// <summary>Names the chart in the page (data-chart attribute), for tests and screen readers.</summary>
    [Parameter, EditorRequired] public required string Name { get; set; }

    [Parameter, EditorRequired] public required IReadOnlyList<ITrace> Traces { get; set; }

    [Parameter] public string? Title { get; set; }

    [Parameter] public string? XAxisTitle { get; set; }

    [Parameter] public string? YAxisTitle { get; set; }

    [Parameter] public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    [Parameter] public IReadOnlyList<ChartThreshold> Thresholds { get; set; } = [];

    /// <summary>Set for heatmaps and bar groups that need their own layout options (e.g. BarMode).</summary>
    [Parameter] public Action<Plotly.Blazor.Layout>? ConfigureLayout { get; set; }

    [Parameter] public int Height { get; set; } = 320;

    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    internal Plotly.Blazor.Layout CurrentLayout => _layout;

    internal IList<ITrace> CurrentData => _data;

    protected override void OnParametersSet()
    {
        _data = [.. Traces];
        _layout = BuildLayout();
        _redrawPending = _rendered;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _rendered = true;
        if (_redrawPending && _chart is not null)
        {
            // PlotlyChart draws once on first render; later data reaches the plot only through React.
            _redrawPending = false;
            await _chart.React();
        }
    }

    private Plotly.Blazor.Layout BuildLayout()
    {
        var textColor = DarkMode ? "#e0e0e0" : "#424242";
        var gridColor = DarkMode ? "rgba(255,255,255,0.12)" : "rgba(0,0,0,0.08)";
        var layout = new Plotly.Blazor.Layout
        {
            Height = Height,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Color = textColor },
            Margin = new Margin { L = 56, R = 16, T = Title is null ? 16 : 40, B = 48 },
            HoverMode = HoverModeEnum.Closest,
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = XAxisTitle }, GridColor = gridColor }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = YAxisTitle }, GridColor = gridColor }],
            Shapes = [.. Markers.Select(m => VerticalLine(m.X, textColor)), .. Thresholds.Select(t => HorizontalLine(t.Y))],
            Annotations = [.. Markers.Select(m => MarkerLabel(m, textColor)), .. Thresholds.Select(ThresholdLabel)],
        };
        if (Title is not null)
        {
            layout.Title = new Title { Text = Title };
        }
        ConfigureLayout?.Invoke(layout);
        return layout;
    }

    private static Shape VerticalLine(object x, string color) => new()
    {
        Type = TypeEnum.Line, X0 = x, X1 = x, Y0 = 0, Y1 = 1, XRef = "x", YRef = "paper",
        Line = new Line { Color = color, Width = 1, Dash = "dot" },
    };

    private static Shape HorizontalLine(double y) => new()
    {
        Type = TypeEnum.Line, X0 = 0, X1 = 1, Y0 = y, Y1 = y, XRef = "paper", YRef = "y",
        Line = new Line { Color = "#e53935", Width = 1, Dash = "dash" },
    };

    private static Annotation MarkerLabel(ChartMarker marker, string color) => new()
    {
        X = marker.X, Y = 1, XRef = "x", YRef = "paper", Text = marker.Label, ShowArrow = false,
        YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom, Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Color = color, Size = 10 },
    };

    private static Annotation ThresholdLabel(ChartThreshold threshold) => new()
    {
        X = 1, Y = threshold.Y, XRef = "paper", YRef = "y", Text = threshold.Label, ShowArrow = false,
        XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Right,
        YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
        Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Color = "#e53935", Size = 10 },
    };
}
