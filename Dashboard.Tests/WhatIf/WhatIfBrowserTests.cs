using Microsoft.Playwright;
using MlOpsDashboard.Dashboard.Tests.Predictions;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.WhatIf;

/// <summary>The what-if page in Debian's Chromium against the real app serving test-trained models.</summary>
public sealed class WhatIfBrowserTests : IAsyncLifetime
{
    private readonly PredictionAppFactory _app = new(new TestModelRegistry().AddTrained(1));
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnLoopback();
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
    public async Task Slider_Moved_PredictionChanges()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", DashboardAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync("/what-if");
        await BrowserFixture.WaitForCircuitAsync(page);
        var prediction = page.Locator("[data-scenario=A] [data-testid=predicted-seconds]");
        var before = await prediction.TextContentAsync();

        await page.Locator("[data-scenario=A] input[data-feature=LinesAdded]").FillAsync("4000");

        await Assertions.Expect(prediction).Not.ToHaveTextAsync(before ?? "");
        await Assertions.Expect(page.Locator("[data-scenario=A] [data-value=LinesAdded]")).ToHaveTextAsync("4000");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "what-if.png"), FullPage = true });
    }
}
