using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>Signs in through the real login form (antiforgery token included), as a browser does.</summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> factory, string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    /// <summary>Creates an account with <paramref name="role"/> (named after it) and signs in as it.</summary>
    public static async Task<HttpClient> CreateWithRoleAsync(WebApplicationFactory<Program> factory, string role)
    {
        const string Password = "role-password-0123";
        var accounts = factory.Services.GetRequiredService<Core.Accounts.AccountService>();
        await accounts.CreateAsync(role + "-user", role, Password, CancellationToken.None);
        return await CreateAsync(factory, role + "-user", Password);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
