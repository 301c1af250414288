using Microsoft.Playwright;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>The Drift page in Debian's Chromium, against the app whose monitor found the shifted feature.</summary>
[Collection(DriftAppCollection.Name)]
public sealed class DriftBrowserTests(DriftAppFixture fixture) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    [Fact]
    public async Task DriftPage_ShiftedFeature_FlaggedWithChartsAndRollbackForAdmin()
    {
        var errors = new List<string>();
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", DashboardAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync("/drift");
        await BrowserFixture.WaitForCircuitAsync(page);

        var shifted = page.Locator($"[data-testid=drifted-features] tr[data-feature={DriftScenario.ShiftedFeature}]");
        await Assertions.Expect(shifted).ToHaveAttributeAsync("data-drifted", "true");
        await Assertions.Expect(page.Locator("[data-testid=drifted-features] tbody tr").First).ToHaveAttributeAsync("data-feature", DriftScenario.ShiftedFeature);
        await Assertions.Expect(page.Locator("[data-testid=drifted-features] tr[data-feature=author_experience]")).ToHaveAttributeAsync("data-drifted", "false");
        await Assertions.Expect(page.Locator("[data-testid=drift-status]")).ToContainTextAsync("has drifted since");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "drift-page.png"), FullPage = true });
        // Plotly loads its script on first use; on a busy machine that takes a while.
        var drawn = new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 };
        await Assertions.Expect(page.Locator("[data-chart=drift-heatmap] .main-svg").First).ToBeVisibleAsync(drawn);
        await Assertions.Expect(page.Locator("[data-chart=drift-feature-score] .main-svg").First).ToBeVisibleAsync(drawn);
        await Assertions.Expect(page.Locator("[data-chart=drift-distribution] .main-svg").First).ToBeVisibleAsync(drawn);
        await Assertions.Expect(page.Locator("[data-chart=drift-feature-score]")).ToContainTextAsync(fixture.PromoteSha[..7]);
        var rollback = page.Locator("[data-testid=drift-rollback]");
        await Assertions.Expect(rollback).ToHaveAttributeAsync("href", $"/delivery/model-serving-production?modelVersion={DriftScenario.PreviousVersion}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "drift-page.png"), FullPage = true });
        var metrics = await page.APIRequest.GetAsync("/metrics");
        Assert.Contains($"mlops_drift_score{{model=\"{DriftScenario.Model}\",feature=\"{DriftScenario.ShiftedFeature}\"}}", await metrics.TextAsync(), StringComparison.Ordinal);

        await shifted.Page.Locator("[data-testid=drifted-features] tr[data-feature=file_type]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-chart=drift-feature-score]")).ToContainTextAsync("file_type: drift score over time");
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
