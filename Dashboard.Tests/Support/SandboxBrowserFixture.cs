using Microsoft.Playwright;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Sandbox;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>
/// The real app with Cluster:Mode=Sandbox (a fast-ticking simulated platform) on a loopback port,
/// and Debian's Chromium. A viewer account exists beside the admin.
/// </summary>
public sealed class SandboxBrowserFixture() : BrowserFixture(new Dictionary<string, string?>
{
    ["Cluster:Mode"] = "Sandbox",
    ["Sandbox:PollIntervalSeconds"] = "1",
    ["Sandbox:TickSeconds"] = "0.25",
    ["Sandbox:SelfHealDelaySeconds"] = "2",
})
{
    public const string ViewerName = "vera";
    public const string ViewerPassword = "viewer-password-0123";

    public SandboxPlatform Platform => App.Services.GetRequiredService<SandboxPlatform>();

    protected override async Task OnAppStartedAsync()
    {
        await Platform.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await App.Services.GetRequiredService<AccountService>().CreateAsync(ViewerName, Roles.Viewer, ViewerPassword, CancellationToken.None);
    }

    public Task<IPage> SignedInPageAsync(string userName = "admin", string password = DashboardAppFactory.AdminPassword, List<string>? consoleErrors = null) =>
        SignedInPageAsync(consoleErrors, userName, password);
}

[CollectionDefinition(Name)]
public sealed class SandboxBrowserCollection : ICollectionFixture<SandboxBrowserFixture>
{
    public const string Name = "Sandbox browser";
}
