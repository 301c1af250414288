using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Accounts;

/// <summary>
/// On first start creates <c>admin</c> (as Argo CD does). A generated password is written once
/// to the console, never to the log: logs are shipped and kept, the console of a first start is not.
/// </summary>
internal sealed class AdminAccountSeed(AccountService accounts, IOptions<AuthOptions> options, TextWriter console) : IStartupSeed
{
    public const string AdminUserName = "admin";

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await db.UserAccounts.AnyAsync(cancellationToken))
        {
            return;
        }
        var configured = options.Value.AdminInitialPassword;
        var password = configured.Length > 0 ? configured : AccountService.GeneratePassword();
        await accounts.CreateAsync(AdminUserName, Roles.Admin, password, cancellationToken);
        if (configured.Length == 0)
        {
            await console.WriteLineAsync($"""

                ================================================================
                 First start: created user '{AdminUserName}' with password
                     {password}
                 It is shown only now; only its hash is stored.
                ================================================================

                """);
        }
    }
}
