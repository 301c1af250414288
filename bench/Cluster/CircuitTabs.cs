using Microsoft.Playwright;

namespace MlOpsDashboard.Bench.Cluster;

/// <summary>
/// Idle tabs of one page, each a browser context of its own carrying one signed-in session, so
/// one circuit per tab and no login circuits; closed so that their circuits end at once.
/// </summary>
internal sealed class CircuitTabs(IBrowser browser, Uri baseAddress, CircuitCounter circuits, string session)
{
    public async Task<List<IPage>> OpenAsync(string target, int count)
    {
        var tabs = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            tabs.Add(await OpenAsync(target));
        }
        return tabs;
    }

    public async Task CloseAsync(string target, List<IPage> tabs)
    {
        var open0 = circuits.Open - tabs.Count;
        foreach (var tab in tabs)
        {
            // Leaving the page lets Blazor tell the server the circuit is gone; closing the context alone would leave it retained as disconnected for minutes.
            await tab.GotoAsync("about:blank");
            await tab.Context.CloseAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (circuits.Open > open0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        if (circuits.Open > open0)
        {
            Console.WriteLine($"  ({circuits.Open - open0} circuits of {target} still open 30 s after their tabs closed)");
        }
    }

    private async Task<IPage> OpenAsync(string target)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            StorageState = session,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(target);
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 60_000, });
        var ready = target switch
        {
            ClusterPagesBenchmark.BaselinePage => page.GetByTestId("app-missing"),
            "/applications" => page.Locator("[data-testid=applications-table] [data-app]").First,
            _ => page.Locator("[data-testid=node-card]").First,
        };
        await Assertions.Expect(ready).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return page;
    }
}
