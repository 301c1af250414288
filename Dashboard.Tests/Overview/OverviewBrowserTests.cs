using Microsoft.Playwright;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Overview;

[Collection(BrowserCollection.Name)]
public sealed class OverviewBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Overview_AdminSignsIn_ConnectionsCardShowsEveryBackend()
    {
        var errors = new List<string>();
        var page = await browser.SignedInPageAsync(errors);

        var card = page.GetByTestId("connections-card");
        await Assertions.Expect(card.Locator("tr[data-backend]")).ToHaveCountAsync(6);
        await Assertions.Expect(card.Locator("tr[data-backend='Database'] [data-state]")).ToHaveAttributeAsync("data-state", "Connected");
        await Assertions.Expect(card.Locator("tr[data-backend='GitHub']")).ToContainTextAsync("GitHub:Repository");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("admin (admin)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "overview.png"), FullPage = true });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Overview_CheckAgain_RefreshesWhileCircuitIsLive()
    {
        var page = await browser.SignedInPageAsync();
        var caption = page.GetByTestId("connections-card").GetByText("Checked at");
        await Assertions.Expect(caption).ToBeVisibleAsync();

        await page.GetByLabel("Check again").ClickAsync();

        await Assertions.Expect(caption).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav a", new() { HasText = "Overview" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ThemeToggle_Click_SwitchesThePalette()
    {
        var page = await browser.SignedInPageAsync();
        await Assertions.Expect(page.GetByTestId("connections-card").GetByText("Checked at")).ToBeVisibleAsync();
        const string Background = "getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()";
        var before = await page.EvaluateAsync<string>(Background);

        await page.GetByLabel("Toggle dark theme").ClickAsync();

        // Polled from here: the page's CSP (rightly) forbids the eval a string predicate needs.
        var after = before;
        for (var attempt = 0; attempt < 50 && after == before; attempt++)
        {
            await Task.Delay(100);
            after = await page.EvaluateAsync<string>(Background);
        }
        Assert.NotEqual(before, after);
    }
}
