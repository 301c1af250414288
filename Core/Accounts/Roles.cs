namespace MlOpsDashboard.Core.Accounts;

/// <summary>
/// Roles, each including the ones below it. Authorization policies carry the same names, so an
/// endpoint or button says <c>Roles.Operator</c> and means "operator or admin".
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>The roles that satisfy <paramref name="required"/>.</summary>
    public static string[] AtLeast(string required) => required switch
    {
        Viewer => [Viewer, Operator, Admin],
        Operator => [Operator, Admin],
        Admin => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(required), required, "Unknown role"),
    };
}
