namespace MlOpsDashboard.Core.Storage.Entities;

/// <summary>A local account. Only the password's hash is ever stored.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
}
