using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>Signed-in clients of each role, created through the real account service and login form.</summary>
internal static class IncidentsAppClients
{
    public const string Password = "incidents-test-password-1";

    /// <summary>For an app started with StartOnLoopback: the client talks to Kestrel at <paramref name="address"/>.</summary>
    public static async Task<HttpClient> AsAsync(DashboardAppFactory app, Uri address, string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        await app.Services.GetRequiredService<AccountService>().CreateAsync(name, role, Password, CancellationToken.None);
        // Kestrel, not the test server: a real handler with its own cookie jar, redirects left to the test.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = address };
        var response = await SignedInClient.PostLoginAsync(client, name, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

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
