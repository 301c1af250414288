using Microsoft.Playwright;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>
/// The real app on a loopback port and Debian's Chromium driven by Playwright. Never downloads a
/// browser; with no Chromium installed the tests fail, saying what to install.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("MLOPS_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    // Playwright's expectations wait 5 s by default; under the full suite's load a filter's round
    // trip through the circuit has been seen to take longer. An expectation returns as soon as it
    // holds, so passing tests do not slow down; a real failure still fails, 15 s later.
    static BrowserFixture() => Assertions.SetDefaultExpectTimeout(15_000);

    // xunit wants one public constructor on a collection fixture: variants pass their settings through the protected one.
    public BrowserFixture()
        : this(null)
    {
    }

    protected BrowserFixture(IDictionary<string, string?>? settings) => App = new(settings);

    public DashboardAppFactory App { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land beside the test results, for a person to look at.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        BaseAddress = App.StartOnLoopback();
        await OnAppStartedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, with the flags a sandboxed, offline machine needs; never a downloaded browser.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: install Debian's chromium package (./test.sh does), or set MLOPS_CHROMIUM.");
        }
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Runs once the app serves, before the browser starts: seed accounts, wait for background work.</summary>
    protected virtual Task OnAppStartedAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context signed in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(List<string>? consoleErrors = null, string userName = "admin", string password = DashboardAppFactory.AdminPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
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
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Prerendered HTML shows before the circuit is live; clicks before that are lost. Patient: at
    /// the suite's start, on 2 cores, a circuit took over Playwright's default 5 s to connect.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

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
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
