using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>Signed-in clients of each role, created through the real account service and login form.</summary>
internal static class IncidentsAppClients
{
    public const string Password = "incidents-test-password-1";

    public static async Task<HttpClient> AsAsync(DashboardAppFactory app, string role)
    {
        if (role == Roles.Admin)
        {
            return await SignedInClient.CreateAsync(app, "admin", DashboardAppFactory.AdminPassword);
        }
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        await app.Services.GetRequiredService<AccountService>().CreateAsync(name, role, Password, CancellationToken.None);
        return await SignedInClient.CreateAsync(app, name, Password);
    }
}
