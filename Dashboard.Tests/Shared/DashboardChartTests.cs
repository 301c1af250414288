using Bunit;
using MlOpsDashboard.Dashboard.Components.Shared.Charts;
using MlOpsDashboard.Dashboard.Tests.Support;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib.ShapeLib;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Tests.Shared;

public sealed class DashboardChartTests : BunitTestContext
{
    private static readonly IReadOnlyList<ITrace> Line = [new Scatter { X = new List<object> { 1, 2, 3 }, Y = new List<object> { 0.1, 0.3, 0.2 }, Name = "psi" }];

    [Fact]
    public void Markers_AndThresholds_BecomeVerticalAndHorizontalLinesWithLabels()
    {
        var deployedAt = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
        var chart = Render<DashboardChart>(p => p
            .Add(c => c.Name, "drift-score")
            .Add(c => c.Traces, Line)
            .Add(c => c.Markers, [new ChartMarker(deployedAt, "promote 1.4.0")])
            .Add(c => c.Thresholds, [new ChartThreshold(0.1, "threshold 0.1")]));

        var layout = chart.Instance.CurrentLayout;
        Assert.Collection(layout.Shapes,
            marker => Assert.Equal((deployedAt, "paper", TypeEnum.Line), (marker.X0, marker.YRef, marker.Type)),
            threshold => Assert.Equal((0.1, "paper", "y"), (threshold.Y0, threshold.XRef, threshold.YRef)));
        Assert.Equal(["promote 1.4.0", "threshold 0.1"], layout.Annotations.Select(a => a.Text));
        Assert.Equal("drift-score", chart.Find("div.dashboard-chart").GetAttribute("data-chart"));
    }

    [Fact]
    public void DarkMode_SwitchesTextColourAndKeepsTransparentBackground()
    {
        var light = Render<DashboardChart>(p => p.Add(c => c.Name, "a").Add(c => c.Traces, Line)).Instance.CurrentLayout;
        var dark = Render<DashboardChart>(p => p.Add(c => c.Name, "b").Add(c => c.Traces, Line).AddCascadingValue("DarkMode", true)).Instance.CurrentLayout;

        Assert.NotEqual(light.Font.Color, dark.Font.Color);
        Assert.Equal("rgba(0,0,0,0)", dark.PaperBgColor);
    }

    [Fact]
    public void NewTraces_ReplaceTheData()
    {
        var chart = Render<DashboardChart>(p => p.Add(c => c.Name, "live").Add(c => c.Traces, Line));
        IReadOnlyList<ITrace> next = [new Bar { X = new List<object> { "a" }, Y = new List<object> { 4 } }, new Bar { X = new List<object> { "b" }, Y = new List<object> { 5 } }];

        chart.Render(p => p.Add(c => c.Traces, next));

        Assert.Equal(2, chart.Instance.CurrentData.Count);
        Assert.All(chart.Instance.CurrentData, t => Assert.IsType<Bar>(t));
    }
}
