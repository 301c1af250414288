using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Statistics;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

[Collection(DriftAppCollection.Name)]
public sealed class DriftMonitorTests(DriftAppFixture fixture)
{
    private async Task<List<DriftResultRecord>> ResultsAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Set<DriftResultRecord>().AsNoTracking().Where(r => r.Model == DriftScenario.Model).ToListAsync();
    }

    [Fact]
    public async Task Pass_ShiftedFeatureInLatestWindow_StoresItDriftedAndTheRestStable()
    {
        var latest = DriftWindows.Containing(fixture.Now, DriftScenario.Window).Start - DriftScenario.Window;
        var results = await ResultsAsync();

        Assert.Equal(2, fixture.ComputedWindows);
        var inLatest = results.Where(r => r.WindowStart == latest).ToList();
        Assert.Equal(["author_experience", "changed_files", "confidence", "file_type"], inLatest.Select(r => r.Feature).Order(StringComparer.Ordinal));
        var shifted = inLatest.Single(r => r.Feature == DriftScenario.ShiftedFeature);
        Assert.True(shifted.Drifted);
        Assert.Equal(nameof(DriftStatistic.Wasserstein), shifted.Statistic);
        Assert.InRange(shifted.Score, 1.5, 2.5);
        Assert.Equal(latest + DriftScenario.Window, shifted.WindowEnd);
        Assert.Equal(400, shifted.Rows);
        Assert.All(inLatest.Where(r => r.Feature != DriftScenario.ShiftedFeature), r => Assert.False(r.Drifted, r.Feature));
        Assert.Equal(nameof(DriftStatistic.JensenShannon), inLatest.Single(r => r.Feature == "file_type").Statistic);
        Assert.All(results.Where(r => r.WindowStart < latest), r => Assert.False(r.Drifted, r.Feature));
    }

    [Fact]
    public async Task Pass_DriftStartsAfterCleanWindow_RaisesOneAttentionItem()
    {
        var started = Assert.Single(fixture.Sink.Started);

        Assert.Equal((DriftScenario.Model, DriftScenario.Version), (started.Model, started.Version));
        Assert.Equal([DriftScenario.ShiftedFeature], started.DriftedFeatures);
        Assert.False(started.DatasetDrift);
        Assert.Equal(DriftWindows.Containing(fixture.Now, DriftScenario.Window).Start - DriftScenario.Window, started.Window.Start);
        Assert.Equal(0, await fixture.App.Services.GetRequiredService<DriftMonitor>().RunOnceAsync(CancellationToken.None));
        Assert.Single(fixture.Sink.Started);
    }

    [Fact]
    public async Task Metrics_AfterPass_ExportDriftScorePerModelAndFeature()
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };

        var metrics = await client.GetStringAsync("/metrics");

        var line = metrics.Split('\n').Single(l => l.StartsWith("mlops_drift_score{model=\"failure-risk\",feature=\"changed_files\"}", StringComparison.Ordinal));
        Assert.True(double.Parse(line.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > DriftMetrics.AlertLevel);
        Assert.Contains("mlops_drift_score{model=\"failure-risk\",feature=\"author_experience\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_DriftInLatestWindowOnly_BeganThereWithVersion11()
    {
        var history = fixture.App.Services.GetRequiredService<DriftHistory>();
        var results = await history.ResultsAsync(DriftScenario.Model, fixture.Now.AddDays(-1), fixture.Now, CancellationToken.None);

        var overview = DriftOverview.Build(results);

        Assert.Equal(DriftWindows.Containing(fixture.Now, DriftScenario.Window).Start - DriftScenario.Window, overview.DriftBegan?.Start);
        Assert.Equal(DriftScenario.Version, overview.VersionWhenDriftBegan);
        Assert.Equal(DriftScenario.ShiftedFeature, overview.Features[0]);
        Assert.Equal(DriftScenario.ShiftedFeature, overview.In(overview.Latest!.Value)[0].Feature);
        Assert.Equal(2, overview.Grid()[0].Count);
    }

    [Fact]
    public async Task DeployMarkers_ManifestHistory_OnlyTheModelServingCommitInRange()
    {
        var markers = await fixture.App.Services.GetRequiredService<IDeployMarkerSource>().ReadAsync(fixture.Now.AddDays(-1), fixture.Now, CancellationToken.None);

        Assert.Null(markers.Problem);
        var marker = Assert.Single(markers.Markers);
        Assert.Equal(fixture.PromoteSha, marker.Sha);
        Assert.Equal("Promote failure-risk 11 to production", marker.Summary);
    }
}
