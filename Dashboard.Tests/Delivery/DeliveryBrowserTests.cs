using LibGit2Sharp;
using Microsoft.Playwright;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>Its own sandbox (a class fixture): the promotion changes the repository other browser tests read.</summary>
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
