using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Accounts;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly DashboardAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Overview_Anonymous_RedirectsToLogin()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Api_Anonymous_AnswersProblemDetails401()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/connections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_WrongPassword_RedirectsBackWithError()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignedInClient.PostLoginAsync(client, "admin", "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_AdminWithConfiguredPassword_OpensOverviewAndApi()
    {
        var client = await SignedInClient.CreateAsync(_factory, "admin", DashboardAppFactory.AdminPassword);

        var overview = await client.GetAsync("/");
        var connections = await client.GetFromJsonAsync<List<ConnectionRow>>("/api/v1/connections");

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Connections", await overview.Content.ReadAsStringAsync());
        Assert.Equal(["Database", "Kubernetes", "Manifests repository", "GitHub", "Prometheus", "LLM"], connections!.Select(c => c.Backend));
        Assert.Equal("Connected", connections!.Single(c => c.Backend == "Database").State);
        Assert.Equal("NotConfigured", connections!.Single(c => c.Backend == "GitHub").State);
    }

    [Fact]
    public async Task Logout_SignedIn_EndsTheSession()
    {
        var client = await SignedInClient.CreateAsync(_factory, "admin", DashboardAppFactory.AdminPassword);
        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("/applications", "/applications")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_OnlyLocalPaths_Pass(string? requested, string expected) =>
        Assert.Equal(expected, Api.AccountEndpoints.SafeReturnUrl(requested));

    private sealed record ConnectionRow(string Backend, string State, string Summary, string? Hint);
}
