using Microsoft.Playwright;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>
/// The live page in Debian's Chromium against the real app with the sandbox as cluster: the
/// sandbox's traffic generator calls the prediction API over loopback and the rows must appear
/// in the open page without a reload.
/// </summary>
public sealed class LivePredictionsBrowserTests : IAsyncLifetime
{
    private readonly PredictionAppFactory _app = new(new TestModelRegistry().AddTrained(1), new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "1",
        ["Sandbox:TickSeconds"] = "0.2",
        ["Predictions:Traffic:RequestsPerSecond"] = "10",
    });

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnLoopback();
        await _app.Services.GetRequiredService<SandboxPlatform>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        await _app.RefreshServedModelsAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SandboxTraffic_PageOpen_RowsArriveWithoutReload()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _address.ToString() });
        var page = await context.NewPageAsync();
        var navigations = 0;
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", DashboardAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync("/predictions");
        // The sandbox and its traffic share 2 busy cores with the browser: give the circuit longer than the shared 5 s.
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        var newest = page.Locator("[data-prediction]").First;
        await Assertions.Expect(newest).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var firstSeen = await newest.InnerTextAsync();

        await Assertions.Expect(newest).Not.ToHaveTextAsync(firstSeen, new() { Timeout = 15_000 });

        Assert.Equal(0, navigations);
        Assert.Contains("build-time/v1", await newest.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=throughput]")).Not.ToHaveTextAsync("0.0 req/s", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-chart=predicted-values] .plot-container")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "live-predictions.png"), FullPage = true });
    }
}
