using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Core.Storage.Entities;

namespace MlOpsDashboard.Core.Accounts;

public sealed partial class AccountService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>The account if the password matches; records the sign-in time.</summary>
    public async Task<UserAccount?> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var account = await db.UserAccounts.SingleOrDefaultAsync(a => a.UserName == userName, cancellationToken);
        if (account is null)
        {
            // Hash anyway, so response time does not tell which user names exist.
            Hasher.VerifyHashedPassword(new UserAccount { UserName = "", PasswordHash = "", Role = "" }, DummyHash, password);
            return null;
        }
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }
        account.LastLoginAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<UserAccount> CreateAsync(string userName, string role, string password, CancellationToken cancellationToken)
    {
        EnsureKnownRole(role);
        if (!ValidUserName().IsMatch(userName))
        {
            throw new AccountException($"User name '{userName}' is not valid: use 2-100 letters, digits, '.', '_', '-' or '@'.");
        }
        await using var db = dbFactory.CreateDbContext();
        if (await db.UserAccounts.AnyAsync(a => a.UserName == userName, cancellationToken))
        {
            throw new AccountException($"An account named '{userName}' already exists.");
        }
        var account = new UserAccount { UserName = userName, Role = role, PasswordHash = "", CreatedAt = clock.GetUtcNow() };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.UserAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.UserAccounts.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(cancellationToken);
    }

    /// <summary>Takes effect at the account's next sign-in (the role travels in the session cookie).</summary>
    public Task SetRoleAsync(string userName, string role, CancellationToken cancellationToken)
    {
        EnsureKnownRole(role);
        return ChangeAsync(userName, role != Roles.Admin, (_, account) => account.Role = role, cancellationToken);
    }

    /// <summary>Sets a new generated password and returns it; only its hash is stored.</summary>
    public async Task<string> ResetPasswordAsync(string userName, CancellationToken cancellationToken)
    {
        var password = GeneratePassword();
        await ChangeAsync(userName, losesAdmin: false, (_, account) => account.PasswordHash = Hasher.HashPassword(account, password), cancellationToken);
        return password;
    }

    public Task DeleteAsync(string userName, CancellationToken cancellationToken) =>
        ChangeAsync(userName, losesAdmin: true, (db, account) => db.UserAccounts.Remove(account), cancellationToken);

    private async Task ChangeAsync(string userName, bool losesAdmin, Action<DashboardDbContext, UserAccount> change, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var account = await db.UserAccounts.SingleOrDefaultAsync(a => a.UserName == userName, cancellationToken)
            ?? throw new AccountException($"No account named '{userName}'.");
        // Nobody could manage accounts any more: keep at least one admin.
        if (losesAdmin && account.Role == Roles.Admin && await db.UserAccounts.CountAsync(a => a.Role == Roles.Admin, cancellationToken) == 1)
        {
            throw new AccountException($"'{userName}' is the last admin; make another account admin first.");
        }
        change(db, account);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void EnsureKnownRole(string role)
    {
        if (!Roles.All.Contains(role))
        {
            throw new AccountException($"Unknown role '{role}'; accepted: {string.Join(", ", Roles.All)}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{2,100}$")]
    private static partial Regex ValidUserName();

    public static string GeneratePassword()
    {
        // 18 random bytes → 24 URL-safe characters, ~144 bits.
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
    }

    private static readonly string DummyHash = Hasher.HashPassword(new UserAccount { UserName = "", PasswordHash = "", Role = "" }, GeneratePassword());
}
