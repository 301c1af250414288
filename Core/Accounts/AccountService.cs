using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MlOpsDashboard.Core.Storage;
using MlOpsDashboard.Core.Storage.Entities;

namespace MlOpsDashboard.Core.Accounts;

public sealed class AccountService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
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
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; accepted: {string.Join(", ", Roles.All)}.", nameof(role));
        }
        await using var db = dbFactory.CreateDbContext();
        var account = new UserAccount { UserName = userName, Role = role, PasswordHash = "", CreatedAt = clock.GetUtcNow() };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.UserAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    public static string GeneratePassword()
    {
        // 18 random bytes → 24 URL-safe characters, ~144 bits.
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
    }

    private static readonly string DummyHash = Hasher.HashPassword(new UserAccount { UserName = "", PasswordHash = "", Role = "" }, GeneratePassword());
}
