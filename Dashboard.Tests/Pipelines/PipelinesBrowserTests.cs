using Microsoft.Playwright;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

[Collection(BrowserCollection.Name)]
public sealed class PipelinesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Pipelines_FailedSimulatedRun_ChartDrawsAndTriageClassifiesUnderTheCsp()
    {
        var source = browser.App.Services.GetRequiredService<IPipelineSource>();
        var failed = (await source.ListRunsAsync(100, CancellationToken.None)).First(r => r.Conclusion == RunConclusion.Failure && r.Workflow != "Triage");
        var errors = new List<string>();
        var page = await browser.SignedInPageAsync(errors);

        await page.GotoAsync($"/pipelines?run={failed.Id}");
        await BrowserFixture.WaitForCircuitAsync(page);

        await Assertions.Expect(page.GetByTestId("pipeline-source")).ToContainTextAsync("Simulated runs");
        // Plotly loads as a module on first use: slow on a busy machine.
        await Assertions.Expect(page.Locator("[data-chart=run-durations] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=runs-table] tbody tr")).ToHaveCountAsync(15);
        await Assertions.Expect(page.GetByTestId("failing-log").First).ToContainTextAsync("##[error]");

        await page.GetByTestId("triage-button").First.ClickAsync();

        var result = page.GetByTestId("triage-result").First;
        await Assertions.Expect(result).ToBeVisibleAsync();
        Assert.NotEqual("Unknown", await result.GetAttributeAsync("data-category"));
        await Assertions.Expect(page.GetByTestId("deeper-analysis").First).ToHaveAttributeAsync("href", $"/analyses?run={failed.Id}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "pipelines.png"), FullPage = true });

        Assert.Empty(errors);
    }
}
