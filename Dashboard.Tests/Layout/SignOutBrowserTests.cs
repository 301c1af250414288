using Microsoft.Playwright;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class SignOutBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AppBar_SignOutClicked_EndsTheSessionAndShowsTheSignInPage()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/cluster");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("admin (admin)");
        Assert.False(string.IsNullOrEmpty(await page.Locator("form[action='account/logout'] input[type=hidden][name='__RequestVerificationToken']").GetAttributeAsync("value")));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync("/cluster");
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
    }
}
