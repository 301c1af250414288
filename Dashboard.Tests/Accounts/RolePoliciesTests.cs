using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Accounts;

public sealed class RolePoliciesTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData(Roles.Viewer, Roles.Viewer, true)]
    [InlineData(Roles.Viewer, Roles.Operator, false)]
    [InlineData(Roles.Operator, Roles.Operator, true)]
    [InlineData(Roles.Operator, Roles.Admin, false)]
    [InlineData(Roles.Admin, Roles.Operator, true)]
    [InlineData(Roles.Admin, Roles.Admin, true)]
    public async Task Policy_NamedAfterRole_AdmitsThatRoleAndAbove(string userRole, string policy, bool allowed)
    {
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, userRole)], "test"));

        var result = await authorization.AuthorizeAsync(user, policy);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Theory]
    [InlineData(new[] { "mlops-admins" }, Roles.Admin)]
    [InlineData(new[] { "developers", "MLOPS-OPERATORS" }, Roles.Operator)]
    [InlineData(new[] { "developers" }, Roles.Viewer)]
    public void OidcRole_GroupClaims_MapToHighestRole(string[] groups, string expected)
    {
        var identity = new ClaimsIdentity(groups.Select(g => new Claim("groups", g)));

        Assert.Equal(expected, Hosting.SecuritySetup.OidcRole(identity, new OidcOptions()));
    }
}
