using Bunit;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Components.Pages.Settings;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Settings;

public sealed class UsersCardTests : BunitTestContext
{
    private readonly TestDatabase _database = new();
    private readonly AccountService _accounts;

    public UsersCardTests()
    {
        _accounts = new AccountService(_database, TimeProvider.System);
        Services.AddSingleton(_accounts);
    }

    protected override void Dispose(bool disposing)
    {
        _database.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task Create_ShowsTheGeneratedPasswordOnceAndItSignsIn()
    {
        await _accounts.CreateAsync("admin", Roles.Admin, "admin-password-1", CancellationToken.None);
        var card = Render<UsersCard>();

        card.Find("input").Input("night-shift");
        card.Find("button[aria-label='Create user']").Click();

        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("tr[data-user='night-shift']")));
        var password = card.Find("[data-testid='users-password'] code").TextContent;
        Assert.NotNull(await _accounts.SignInAsync("night-shift", password, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteLastAdmin_ShowsTheRefusalAndKeepsTheRow()
    {
        await _accounts.CreateAsync("admin", Roles.Admin, "admin-password-1", CancellationToken.None);
        var card = Render<UsersCard>();

        card.Find("button[aria-label='Delete admin']").Click();

        card.WaitForAssertion(() => Assert.Contains("last admin", card.Find("[data-testid='users-error']").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(card.FindAll("tr[data-user='admin']"));
    }
}
