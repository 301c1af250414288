using Microsoft.Playwright;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class NarrowLayoutBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Drawer_PhoneWidth_StartsClosedOpensOverADimmedPageAndClosesOnTapOutside()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(400, 800);
        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        var toggle = page.GetByLabel("Toggle navigation");
        var drawer = page.GetByTestId("navigation-drawer");
        var overlay = page.GetByTestId("drawer-overlay");

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(drawer.GetByText("Overview")).Not.ToBeInViewportAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(drawer.GetByText("Overview")).ToBeInViewportAsync();
        await Assertions.Expect(overlay).ToBeVisibleAsync();

        await overlay.ClickAsync(new() { Position = new Position { X = 380, Y = 400 } });
        await Assertions.Expect(overlay).ToHaveCountAsync(0);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task Drawer_DesktopWidth_OpenWithoutOverlay()
    {
        var page = await browser.SignedInPageAsync();

        await Assertions.Expect(page.GetByLabel("Toggle navigation")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByTestId("navigation-drawer").GetByText("Overview")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("drawer-overlay")).ToHaveCountAsync(0);
    }
}
