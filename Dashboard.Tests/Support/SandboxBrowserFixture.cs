using Microsoft.Playwright;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Sandbox;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>
/// The real app with Cluster:Mode=Sandbox (a fast-ticking simulated platform) on a loopback port,
/// and Debian's Chromium. A viewer account exists beside the admin.
/// </summary>
public sealed class SandboxBrowserFixture : IAsyncLifetime
{
    public const string ViewerName = "vera";
    public const string ViewerPassword = "viewer-password-0123";

    private IPlaywright? _playwright;

    public DashboardAppFactory App { get; } = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "1",
        ["Sandbox:TickSeconds"] = "0.25",
        ["Sandbox:SelfHealDelaySeconds"] = "2",
    });

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public SandboxPlatform Platform => App.Services.GetRequiredService<SandboxPlatform>();

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {BrowserFixture.ChromiumPath}: install Debian's chromium package (./test.sh does), or set MLOPS_CHROMIUM.");
        }
        BaseAddress = App.StartOnLoopback();
        await Platform.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await App.Services.GetRequiredService<AccountService>().CreateAsync(ViewerName, Roles.Viewer, ViewerPassword, CancellationToken.None);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string userName = "admin", string password = DashboardAppFactory.AdminPassword, List<string>? consoleErrors = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        var page = await context.NewPageAsync();
        if (consoleErrors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => consoleErrors.Add(error);
        }
        await page.GotoAsync("/");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await BrowserFixture.WaitForCircuitAsync(page);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxBrowserCollection : ICollectionFixture<SandboxBrowserFixture>
{
    public const string Name = "Sandbox browser";
}
