using Microsoft.Playwright;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Cluster;

/// <summary>The Cluster and Applications pages in Chromium against the sandbox, live.</summary>
[Collection(SandboxBrowserCollection.Name)]
public sealed class ClusterBrowserTests(SandboxBrowserFixture sandbox)
{
    private static readonly LocatorAssertionsToContainTextOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task ClusterPage_Sandbox_ShowsBothNodesWithArchitecturesAndPods()
    {
        var errors = new List<string>();
        var page = await sandbox.SignedInPageAsync(consoleErrors: errors);

        await page.GotoAsync("/cluster");
        await BrowserFixture.WaitForCircuitAsync(page);

        var mac = page.Locator("[data-testid=node-card][data-node=mac-m2]");
        var worker = page.Locator("[data-testid=node-card][data-node=wsl-worker]");
        await Assertions.Expect(mac.GetByTestId("node-arch")).ToHaveTextAsync("arm64");
        await Assertions.Expect(worker.GetByTestId("node-arch")).ToHaveTextAsync("amd64");
        await Assertions.Expect(mac.Locator("tr[data-pod^='grafana/']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(worker.Locator("tr[data-pod^='model-serving/']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(mac).ToContainTextAsync("control-plane");
        await Assertions.Expect(mac).ToContainTextAsync("K3s v1.31.4+k3s1");
        await Assertions.Expect(page.GetByTestId("stale-indicator")).ToHaveAttributeAsync("data-state", "live");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "cluster.png"), FullPage = true });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task ClusterPage_PodRowAnalyzeClicked_OpensThatPodsAnalysis()
    {
        var errors = new List<string>();
        var page = await sandbox.SignedInPageAsync(consoleErrors: errors);
        await page.GotoAsync("/cluster");
        await BrowserFixture.WaitForCircuitAsync(page);

        var button = page.Locator("[data-testid=node-card][data-node=mac-m2] tr[data-pod^='grafana/'] [data-testid=analyze]").First;
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var subject = await button.GetAttributeAsync("data-subject");
        await button.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/analyses?id=", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync(subject!["pod:".Length..], Patient);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ApplicationDetail_CrashLoopScenario_TurnsDegradedWithoutReloadAndAnalyzeNamesTheCause()
    {
        var page = await sandbox.SignedInPageAsync();
        await page.GotoAsync("/applications/model-serving-production");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("app-health")).ToContainTextAsync("Healthy", Patient);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        sandbox.Platform.Scenarios.Trigger(SandboxScenario.CrashLoop);
        try
        {
            await Assertions.Expect(page.GetByTestId("app-health")).ToContainTextAsync("Degraded", Patient);
            await Assertions.Expect(page.GetByTestId("app-resources").Locator("[data-pod^='model-serving/']").First).ToContainTextAsync("CrashLoopBackOff", Patient);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "application-degraded.png"), FullPage = true });

            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");

            await page.GetByTestId("analyze").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/analyses?id=", StringComparison.Ordinal), new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync("CrashLoopBackOff", Patient);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "application-analysis.png"), FullPage = true });
        }
        finally
        {
            sandbox.Platform.Scenarios.Clear(SandboxScenario.CrashLoop);
        }
    }

    [Fact]
    public async Task ApplicationsPage_Sandbox_ListsApplicationsAndFiltersByText()
    {
        var page = await sandbox.SignedInPageAsync();
        await page.GotoAsync("/applications");
        await BrowserFixture.WaitForCircuitAsync(page);

        var table = page.GetByTestId("applications-table");
        await Assertions.Expect(table.Locator("[data-app=model-serving-production]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(table.Locator("[data-app=grafana]")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=filter-text], [data-testid=filter-text] input").First.FillAsync("grafana");

        await Assertions.Expect(table.Locator("[data-app=model-serving-production]")).ToHaveCountAsync(0);
        await Assertions.Expect(table.Locator("[data-app=grafana]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "applications.png"), FullPage = true });
    }

    [Fact]
    public async Task ApplicationDetail_Viewer_SeesSyncAndRefreshDisabled()
    {
        var page = await sandbox.SignedInPageAsync(SandboxBrowserFixture.ViewerName, SandboxBrowserFixture.ViewerPassword);
        await page.GotoAsync("/applications/grafana");
        await BrowserFixture.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("sync-button")).ToBeDisabledAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("refresh-button")).ToBeDisabledAsync();
    }
}
