using Microsoft.Playwright;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

/// <summary>Simulated runs belong to the sandbox: the page against the app whose cluster is the sandbox.</summary>

[Collection(SandboxBrowserCollection.Name)]
public sealed class PipelinesBrowserTests(SandboxBrowserFixture browser)
{
    [Fact]
    public async Task Pipelines_FailedSimulatedRun_ChartDrawsAndTriageClassifiesUnderTheCsp()
    {
        var source = browser.App.Services.GetRequiredService<IPipelineSource>();
        var failed = (await source.ListRunsAsync(100, CancellationToken.None)).First(r => r.Conclusion == RunConclusion.Failure && r.Workflow != "Triage");
        var errors = new List<string>();
        var page = await SignInAsync(errors);

        await page.GotoAsync($"/pipelines?run={failed.Id}");
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = Patient });

        await Assertions.Expect(page.GetByTestId("pipeline-source")).ToContainTextAsync("Simulated runs", new() { Timeout = Patient });
        // Plotly loads as a module on first use: slow on a busy machine.
        await Assertions.Expect(page.Locator("[data-chart=run-durations] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=runs-table] tbody tr")).ToHaveCountAsync(15);
        await Assertions.Expect(page.GetByTestId("failing-log").First).ToContainTextAsync("##[error]");

        await page.GetByTestId("triage-button").First.ClickAsync();

        var result = page.GetByTestId("triage-result").First;
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = Patient });
        Assert.NotEqual("Unknown", await result.GetAttributeAsync("data-category"));
        await Assertions.Expect(page.GetByTestId("deeper-analysis").First).ToHaveAttributeAsync("href", $"/analyses?run={failed.Id}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pipelines.png"), FullPage = true });

        Assert.Empty(errors);
    }

    /// <summary>Machine-wide load (several builds at once) can hold the circuit past Playwright's default 5 s.</summary>
    private const float Patient = 30_000;

    /// <summary>
    /// The login form, as BrowserFixture.SignedInPageAsync does, with patient waits; first waits
    /// for /readyz, since the admin account is seeded by start-up work that a busy machine delays.
    /// </summary>
    private async Task<IPage> SignInAsync(List<string> errors)
    {
        using (var http = new HttpClient { BaseAddress = browser.BaseAddress })
        {
            var ready = false;
            for (var attempt = 0; attempt < 120 && !ready; attempt++)
            {
                using var response = await http.GetAsync("/readyz");
                ready = response.IsSuccessStatusCode;
                if (!ready)
                {
                    await Task.Delay(500);
                }
            }
            Assert.True(ready, "the app did not become ready within 60 s");
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", DashboardAppFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = Patient });
        return page;
    }
}
