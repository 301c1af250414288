using Microsoft.Playwright;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Predictors.Serving.Traffic;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>
/// The whole drift path with nothing stubbed: the sandbox trains its default models (each version
/// publishes its training data as the drift reference), the traffic generator calls the
/// prediction API over loopback, the prediction log feeds the monitor in 30-second windows.
/// </summary>
public sealed class SandboxDataDriftFixture() : BrowserFixture(new Dictionary<string, string?>
{
    ["Cluster:Mode"] = "Sandbox",
    ["Sandbox:PollIntervalSeconds"] = "1",
    ["Predictions:Traffic:RequestsPerSecond"] = "20",
    ["Drift:WindowMinutes"] = "0.5",
    ["Drift:IntervalSeconds"] = "2",
    ["Drift:MinimumRows"] = "30",
})
{
    protected override async Task OnAppStartedAsync()
    {
        await App.Services.GetRequiredService<SandboxPlatform>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        var work = App.Services.GetRequiredService<StartupWork>();
        // Training the three default models shares 2 cores with the platform and its traffic.
        for (var waited = 0; ; waited++)
        {
            var item = work.Snapshot().FirstOrDefault(w => w.Name == DefaultModelsService.WorkName);
            if (item?.State == StartupWorkState.Completed)
            {
                return;
            }
            if (item?.State == StartupWorkState.Failed || waited > 600)
            {
                throw new InvalidOperationException($"Default models did not train: {item?.Detail ?? "never started"}");
            }
            await Task.Delay(500);
        }
    }
}

public sealed class SandboxDataDriftTests(SandboxDataDriftFixture fixture) : IClassFixture<SandboxDataDriftFixture>
{
    private const string Model = "build-time";
    private static readonly string Shifted = DataDriftShift.Default.Feature;

    private DriftHistory History => fixture.App.Services.GetRequiredService<DriftHistory>();

    /// <summary>The stored verdicts for <see cref="Shifted"/> of the first full window starting at or after <paramref name="after"/>.</summary>
    private async Task<DriftResultRecord> WindowVerdictAsync(DateTimeOffset after)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var results = await History.ResultsAsync(Model, after, after.AddHours(1), CancellationToken.None);
            if (results.Where(r => r.Feature == Shifted && r.WindowStart >= after).OrderBy(r => r.WindowStart).FirstOrDefault() is { } found)
            {
                return found;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"No drift result for {Model}/{Shifted} in a window after {after:u}.");
    }

    [Fact]
    public async Task DataDriftScenario_TriggeredInSettings_FlagsTheShiftedFeatureOnTheDriftPageAndInMetrics()
    {
        // A window of unshifted traffic first: what the score is when only sampling noise moves it.
        // On a busy machine the traffic may reach only ~60 rows per window, where normed Wasserstein's
        // noise alone can pass 0.1, so the scenario is judged against this window, not against zero.
        var clean = await WindowVerdictAsync(DateTimeOffset.UtcNow);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/settings");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger data drift" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=data-drift-active]")).ToContainTextAsync(Shifted);
        var triggeredAt = DateTimeOffset.UtcNow;

        var drifted = await WindowVerdictAsync(triggeredAt);
        var scores = $"{Shifted} × {DataDriftShift.Default.Scale}: {drifted.Statistic} {drifted.Score} over {drifted.Rows} rows; unshifted {clean.Score} over {clean.Rows} rows";
        Assert.True(drifted.Drifted, scores);
        Assert.True(drifted.Score > 3 * clean.Score, scores);
        Assert.Equal(clean.Version, drifted.Version);

        await page.GotoAsync($"/drift?model={Model}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator($"[data-testid=drifted-features] tr[data-feature={Shifted}]")).ToHaveAttributeAsync("data-drifted", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "drift-sandbox-scenario.png"), FullPage = true });

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains($"mlops_drift_score{{model=\"{Model}\",feature=\"{Shifted}\"}}", metrics, StringComparison.Ordinal);
    }
}
