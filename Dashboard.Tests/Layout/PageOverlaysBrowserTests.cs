using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Playwright;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

/// <summary>Pages without MudBlazor's popover and dialog providers, and the pages a circuit moves on to.</summary>
[Collection(SandboxBrowserCollection.Name)]
public sealed class PageOverlaysBrowserTests(SandboxBrowserFixture sandbox)
{
    private static readonly LocatorAssertionsToHaveCountOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task ClusterPageThenAudit_SameCircuit_PopoverProviderReturnsAndASelectOpens()
    {
        var errors = new List<string>();
        var page = await sandbox.SignedInPageAsync(consoleErrors: errors);
        await page.GotoAsync("/cluster");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=node-card]")).ToHaveCountAsync(2, Patient);
        await Assertions.Expect(page.Locator(".mud-popover-provider")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await page.Locator("nav a[href='/audit']").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/audit", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".mud-popover-provider")).ToHaveCountAsync(1, Patient);
        await page.Locator(".mud-select").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.Keyboard.PressAsync("Escape");
        await page.Locator("nav a[href='/cluster']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=node-card]")).ToHaveCountAsync(2, Patient);
        await Assertions.Expect(page.Locator(".mud-popover-provider")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ApplicationsPage_ProjectChosenThenANewProjectArrives_SelectKeepsTheChoiceAndFilter()
    {
        var errors = new List<string>();
        var page = await sandbox.SignedInPageAsync(consoleErrors: errors);
        await page.GotoAsync("/applications");
        await BrowserFixture.WaitForCircuitAsync(page);
        var project = page.GetByTestId("filter-project");
        await Assertions.Expect(project.Locator("option")).Not.ToHaveCountAsync(1, Patient);
        var chosen = await project.Locator("option").Nth(1).GetAttributeAsync("value");
        await project.SelectOptionAsync(chosen!);
        await Assertions.Expect(page.GetByTestId("application-count")).Not.ToContainTextAsync("of 0");
        var count = await page.GetByTestId("application-count").TextContentAsync();

        var store = sandbox.Platform.Store;
        if (store.Get(SandboxResources.Namespaces, null, "overlay-test") is null)
        {
            store.Create(new V1Namespace { Metadata = new V1ObjectMeta { Name = "overlay-test" } });
        }
        store.Create(SandboxResources.Applications, Application("overlay-test-app", "zz-overlay-test"));
        try
        {
            await Assertions.Expect(project.Locator("option[value='zz-overlay-test']")).ToHaveCountAsync(1, Patient);
            await Assertions.Expect(project).ToHaveValueAsync(chosen!);
            await Assertions.Expect(page.GetByTestId("application-count")).ToHaveTextAsync(Next(count!));
            Assert.Empty(errors);
        }
        finally
        {
            store.TryDelete(SandboxResources.Applications, "overlay-test", "overlay-test-app");
        }
    }

    // "3 of 9" → "3 of 10": the filter still applies, one more application in all.
    private static string Next(string count)
    {
        var parts = count.Trim().Split(" of ");
        return $"{parts[0]} of {int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1}";
    }

    private static JsonObject Application(string name, string project) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "Application",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "overlay-test" },
        ["spec"] = new JsonObject
        {
            ["project"] = project,
            ["source"] = new JsonObject { ["repoURL"] = "https://git.example/manifests.git", ["path"] = "apps/overlay-test", ["targetRevision"] = "main" },
            ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = "overlay-test" },
        },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = "Synced", ["revision"] = "5967f86f074420b0299fd1bc80712db2d903c600" },
            ["health"] = new JsonObject { ["status"] = "Healthy" },
        },
    };
}
