using Bunit;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;
using MlOpsDashboard.Dashboard.Components.Pages.Drift;
using MlOpsDashboard.Dashboard.Components.Shared.Charts;
using MlOpsDashboard.Dashboard.Tests.Support;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class DriftComponentsTests : BunitTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static DriftResultRecord Result(string feature, int hour, DriftStatistic statistic, double score, string version = "11")
    {
        var drift = ColumnDriftTests.Verdict(feature, statistic, score);
        return new DriftResultRecord
        {
            Model = "failure-risk", Version = version, Feature = feature, Statistic = statistic.ToString(), Score = score,
            Threshold = drift.Threshold, Drifted = drift.Drifted, WindowStart = Start.AddHours(hour), WindowEnd = Start.AddHours(hour + 1), Rows = 100,
        };
    }

    private static DriftOverview Overview() => DriftOverview.Build(
    [
        Result("loc", 0, DriftStatistic.Wasserstein, 0.02, "10"),
        Result("changed_files", 0, DriftStatistic.Wasserstein, 0.03, "10"),
        Result("loc", 1, DriftStatistic.Wasserstein, 0.04),
        Result("changed_files", 1, DriftStatistic.Wasserstein, 0.3),
        Result("file_type", 1, DriftStatistic.ChiSquare, 0.001),
    ]);

    [Fact]
    public void DriftedFeaturesTable_Scores_DriftedFirstByScoreAndClickSelects()
    {
        var overview = Overview();
        string? selected = null;

        var table = Render<DriftedFeaturesTable>(p => p
            .Add(c => c.Scores, overview.In(overview.Latest!.Value))
            .Add(c => c.Select, (string feature) => selected = feature));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(["changed_files", "file_type", "loc"], rows.Select(r => r.GetAttribute("data-feature")));
        Assert.Equal(["true", "true", "false"], rows.Select(r => r.GetAttribute("data-drifted")));
        Assert.Contains("Chi-square p", rows[1].TextContent, StringComparison.Ordinal);
        rows[2].Click();
        Assert.Equal("loc", selected);
    }

    [Fact]
    public void DriftHeatmap_Overview_OneRowPerFeatureOneColumnPerWindowWorstOnTop()
    {
        var heatmap = Render<DriftHeatmap>(p => p.Add(c => c.Overview, Overview()));

        var trace = Assert.IsType<HeatMap>(Assert.Single(heatmap.FindComponent<DashboardChart>().Instance.CurrentData));
        // Plotly draws the first row at the bottom: the worst feature comes last to sit on top.
        Assert.Equal(["loc", "file_type", "changed_files"], trace.Y);
        Assert.Equal(2, trace.X.Count);
        var rows = trace.Z.Cast<List<object?>>().ToList();
        Assert.Null(rows[1][0]);
        Assert.Equal(0.3, (double)rows[2][1]!, 12);
    }

    [Fact]
    public void FeatureScoreChart_DeployCommits_BecomeMarkersWithThreshold()
    {
        var deploy = new DeployMarker(Start.AddMinutes(70), "0123456789abcdef", "Promote failure-risk 11", "operator");

        var chart = Render<FeatureScoreChart>(p => p
            .Add(c => c.Overview, Overview())
            .Add(c => c.Feature, "changed_files")
            .Add(c => c.Deploys, [deploy]));

        var layout = chart.FindComponent<DashboardChart>().Instance.CurrentLayout;
        Assert.Equal(["0123456 Promote failure-risk 11", "drift threshold"], layout.Annotations.Select(a => a.Text));
        var line = Assert.IsType<Scatter>(Assert.Single(chart.FindComponent<DashboardChart>().Instance.CurrentData));
        Assert.Equal([0.03, 0.3], line.Y.Select(y => Math.Round((double)y, 12)));
    }

    [Fact]
    public void DistributionOverlay_ShiftedNumericWindow_ShowsBothSharesAndOutOfRangeWarning()
    {
        var profile = ReferenceProfileBuilder.Build("m", "1", [TrainingColumn.Numeric("x", ReferenceSamples.Sample(1, 1000))], Start);
        var served = new ServedWindow(Start, Start.AddHours(1), 200,
            new Dictionary<string, double[]> { ["x"] = ReferenceSamples.Sample(2, 200, shift: 60) }, new Dictionary<string, string[]>());
        var comparison = DistributionComparison.Build(profile.Features[0], served);

        var overlay = Render<DistributionOverlay>(p => p.Add(c => c.Comparison, comparison));

        var bars = overlay.FindComponent<DashboardChart>().Instance.CurrentData.Cast<Bar>().ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(1.0, bars[0].Y.Sum(y => (double)y), 9);
        Assert.Equal(1.0, bars[1].Y.Sum(y => (double)y), 9);
        Assert.InRange(comparison.OutsideReferenceRange, 0.3, 1.0);
        Assert.Contains("outside what the reference saw", overlay.Find("[data-testid=outside-reference]").TextContent, StringComparison.Ordinal);
    }
}
