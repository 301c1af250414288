using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Accounts;

public sealed class AccountServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly AccountService _accounts;

    public AccountServiceTests() => _accounts = new AccountService(_database, TimeProvider.System);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AdminSeed_FirstStartWithoutPassword_PrintsGeneratedPasswordOnceAndStoresOnlyItsHash()
    {
        var console = new StringWriter();
        var seed = new AdminAccountSeed(_accounts, Options.Create(new AuthOptions()), console);

        await using (var db = _database.CreateDbContext())
        {
            await seed.SeedAsync(db, CancellationToken.None);
            await seed.SeedAsync(db, CancellationToken.None);
        }

        var printed = System.Text.RegularExpressions.Regex.Match(console.ToString(), @"password\s+(\S+)\s").Groups[1].Value;
        Assert.Equal(24, printed.Length);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(console.ToString(), "First start"));
        await using var check = _database.CreateDbContext();
        var admin = await check.UserAccounts.SingleAsync();
        Assert.Equal(("admin", Roles.Admin), (admin.UserName, admin.Role));
        Assert.DoesNotContain(printed, admin.PasswordHash);
        Assert.NotNull(await _accounts.SignInAsync("admin", printed, CancellationToken.None));
    }

    [Fact]
    public async Task AdminSeed_ConfiguredPassword_PrintsNothing()
    {
        var console = new StringWriter();
        var seed = new AdminAccountSeed(_accounts, Options.Create(new AuthOptions { AdminInitialPassword = "configured-password-1" }), console);

        await using (var db = _database.CreateDbContext())
        {
            await seed.SeedAsync(db, CancellationToken.None);
        }

        Assert.Equal("", console.ToString());
        Assert.NotNull(await _accounts.SignInAsync("admin", "configured-password-1", CancellationToken.None));
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_ReturnsNull()
    {
        await _accounts.CreateAsync("oncall", Roles.Operator, "correct horse battery", CancellationToken.None);

        Assert.Null(await _accounts.SignInAsync("oncall", "wrong", CancellationToken.None));
        Assert.Null(await _accounts.SignInAsync("nobody", "correct horse battery", CancellationToken.None));
        var account = await _accounts.SignInAsync("oncall", "correct horse battery", CancellationToken.None);
        Assert.NotNull(account?.LastLoginAt);
    }

    [Fact]
    public async Task Create_UnknownRole_Throws()
    {
        var error = await Assert.ThrowsAsync<AccountException>(() => _accounts.CreateAsync("x", "superuser", "password-1234", CancellationToken.None));

        Assert.Contains("viewer, operator, admin", error.Message);
    }

    [Theory]
    [InlineData(Roles.Viewer, new[] { Roles.Viewer, Roles.Operator, Roles.Admin })]
    [InlineData(Roles.Operator, new[] { Roles.Operator, Roles.Admin })]
    [InlineData(Roles.Admin, new[] { Roles.Admin })]
    public void AtLeast_EachRole_IncludesTheRolesAbove(string required, string[] expected) =>
        Assert.Equal(expected, Roles.AtLeast(required));
}
