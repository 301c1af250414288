using LibGit2Sharp;
using Microsoft.Playwright;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>The real app on the sandbox (fast polling), Debian's Chromium, no downloaded browser.</summary>
public sealed class SandboxBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public DashboardAppFactory App { get; } = new(new Dictionary<string, string?>
    {
        ["Cluster:Mode"] = "Sandbox",
        ["Sandbox:PollIntervalSeconds"] = "1",
        ["Sandbox:TickSeconds"] = "0.2",
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
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> SignedInPageAsync(List<string> consoleErrors)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        await page.GotoAsync("/");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", DashboardAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
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

public sealed class DeliveryBrowserTests(SandboxBrowserFixture browser) : IClassFixture<SandboxBrowserFixture>
{
    [Fact]
    public async Task Promote_InTheBrowser_CommitLandsInSandboxRepositoryAndApplicationReportsItSynced()
    {
        var errors = new List<string>();
        var page = await browser.SignedInPageAsync(errors);
        await page.GotoAsync("/delivery/model-serving-production");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synced", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("current-tag")).ToHaveTextAsync("1.3.2");

        await page.GetByTestId("promote").ClickAsync();
        var form = page.GetByTestId("promote-form");
        await Assertions.Expect(form.Locator("input").First).ToHaveValueAsync("1.4.0");
        await form.GetByTestId("preview").ClickAsync();
        await Assertions.Expect(form.GetByTestId("diff")).ToContainTextAsync("+    newTag: 1.4.0 # promoted from staging");
        await Assertions.Expect(form.GetByTestId("confirm")).ToBeDisabledAsync();
        await form.Locator("textarea").First.FillAsync("staging soaked for a day");
        await form.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(form.GetByTestId("delivery-result")).ToHaveAttributeAsync("data-outcome", "Committed", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "delivery-promote.png"), FullPage = true });
        await page.GetByTestId("close").ClickAsync();

        string sha;
        using (var repo = browser.Platform.Repository.Open())
        {
            var tip = repo.Branches["main"].Tip;
            sha = tip.Sha;
            Assert.StartsWith("Promote model-serving-production: image ghcr.io/example/model-serving 1.3.2 → 1.4.0, MODEL_VERSION 11 → 12", tip.Message);
            Assert.Equal("admin", tip.Author.Name);
            Assert.Contains("newTag: 1.4.0", ((Blob)tip["deploy/apps/model-serving/overlays/production/kustomization.yaml"].Target).GetContentText());
        }
        await Assertions.Expect(page.GetByTestId("sync-revision")).ToHaveAttributeAsync("data-sha", sha, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("sync-status")).ToHaveTextAsync("Synced", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("following")).ToContainTextAsync($"Your commit {sha[..7]} is deployed");
        await Assertions.Expect(page.GetByTestId("recent-audit")).ToContainTextAsync("staging soaked for a day");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "delivery-synced.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AuditPage_AfterAnAction_ListsItAndExportsCsv()
    {
        var errors = new List<string>();
        var page = await browser.SignedInPageAsync(errors);
        var plan = await page.APIRequest.PostAsync("/api/v1/delivery/applications/model-serving-staging/promotions/plan", new() { DataObject = new { replicas = 1 } });
        Assert.Equal(200, plan.Status);
        var confirm = await page.APIRequest.PostAsync("/api/v1/delivery/applications/model-serving-staging/promotions",
            new() { DataString = $"{{\"plan\":{await plan.TextAsync()},\"reason\":\"one pod while soaking\"}}", Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } });
        Assert.Equal(200, confirm.Status);

        await page.GotoAsync("/audit?application=model-serving-staging");
        await BrowserFixture.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("one pod while soaking");
        var csvHref = await page.GetByTestId("export-csv").GetAttributeAsync("href");
        Assert.Contains("application=model-serving-staging", csvHref);
        var csv = await page.APIRequest.GetAsync(csvHref!);
        Assert.Contains("one pod while soaking", await csv.TextAsync());
        Assert.Empty(errors);
    }
}
