using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Accounts;

public sealed class AccountAdministrationTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly AccountService _accounts;

    public AccountAdministrationTests() => _accounts = new AccountService(_database, TimeProvider.System);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Create_DuplicateName_IsRefusedAndKeepsTheFirstAccount()
    {
        await _accounts.CreateAsync("oncall", Roles.Operator, "first-password-1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AccountException>(() => _accounts.CreateAsync("oncall", Roles.Admin, "second-password-2", CancellationToken.None));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(Roles.Operator, (await _accounts.ListAsync(CancellationToken.None)).Single().Role);
        Assert.NotNull(await _accounts.SignInAsync("oncall", "first-password-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("has space")]
    [InlineData("<script>")]
    public async Task Create_InvalidName_IsRefused(string userName)
    {
        var error = await Assert.ThrowsAsync<AccountException>(() => _accounts.CreateAsync(userName, Roles.Viewer, "some-password-1", CancellationToken.None));

        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _accounts.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task LastAdmin_CannotBeDemotedOrDeleted_UntilAnotherAdminExists()
    {
        await _accounts.CreateAsync("admin", Roles.Admin, "admin-password-1", CancellationToken.None);

        await Assert.ThrowsAsync<AccountException>(() => _accounts.SetRoleAsync("admin", Roles.Operator, CancellationToken.None));
        await Assert.ThrowsAsync<AccountException>(() => _accounts.DeleteAsync("admin", CancellationToken.None));
        await _accounts.CreateAsync("second", Roles.Admin, "admin-password-2", CancellationToken.None);
        await _accounts.SetRoleAsync("admin", Roles.Viewer, CancellationToken.None);

        var roles = (await _accounts.ListAsync(CancellationToken.None)).ToDictionary(a => a.UserName, a => a.Role);
        Assert.Equal(Roles.Viewer, roles["admin"]);
        await Assert.ThrowsAsync<AccountException>(() => _accounts.DeleteAsync("second", CancellationToken.None));
    }

    [Fact]
    public async Task ResetPassword_OldPasswordStopsWorkingAndTheNewOneSignsIn()
    {
        await _accounts.CreateAsync("dev", Roles.Viewer, "old-password-1", CancellationToken.None);

        var password = await _accounts.ResetPasswordAsync("dev", CancellationToken.None);

        Assert.Null(await _accounts.SignInAsync("dev", "old-password-1", CancellationToken.None));
        Assert.NotNull(await _accounts.SignInAsync("dev", password, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_UnknownAccount_SaysSo()
    {
        var error = await Assert.ThrowsAsync<AccountException>(() => _accounts.DeleteAsync("ghost", CancellationToken.None));

        Assert.Contains("No account named 'ghost'", error.Message, StringComparison.Ordinal);
    }
}
