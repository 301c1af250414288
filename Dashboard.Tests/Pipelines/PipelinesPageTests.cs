using Bunit;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Dashboard.Tests.Predictions;
using MlOpsDashboard.Dashboard.Components.Pages.Pipelines;
using MlOpsDashboard.Dashboard.Components.Shared.Charts;
using MlOpsDashboard.Dashboard.Tests.Support;
using MudBlazor;
using Plotly.Blazor.Traces;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class PipelinesPageTests : BunitTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly FakePipelineSource _fake = new();

    public PipelinesPageTests()
    {
        Services.AddSingleton(Options.Create(new GitHubOptions()));
        Services.AddSingleton<IBuildDurationEstimator, MedianDurationEstimator>();
        Services.AddSingleton<RunFailureReader>();
        Services.AddSingleton(new FailureRiskRuntime(true, "linux-x64 with libtorch"));
    }

    private void SignIn(string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);
        auth.SetPolicies([.. Roles.All.Where(r => Roles.AtLeast(r).Contains(role))]);
    }

    private void UseFakeWithAFailedTestRun(string log)
    {
        _fake.Runs.AddRange(
        [
            FakePipelineSource.Run(3, "CI", RunConclusion.Failure, Start.AddHours(2), 9, "feature/x", "apatel"),
            FakePipelineSource.Run(2, "CI", RunConclusion.Success, Start.AddHours(1), 8),
            FakePipelineSource.Run(1, "CI", RunConclusion.Success, Start, 6),
        ]);
        _fake.Jobs[3] =
        [
            new PipelineJob(30, 3, "build-test", "completed", RunConclusion.Failure, Start.AddHours(2), Start.AddHours(2).AddMinutes(9),
            [
                new PipelineStep(1, "Build", "completed", RunConclusion.Success, Start.AddHours(2), Start.AddHours(2).AddMinutes(2)),
                new PipelineStep(2, "Test", "completed", RunConclusion.Failure, Start.AddHours(2).AddMinutes(2), Start.AddHours(2).AddMinutes(9)),
            ], ""),
        ];
        _fake.Logs[3] = [("build-test/2_Test.txt", log), ("0_build-test.txt", "whole job")];
        Services.AddSingleton<IPipelineSource>(_fake);
    }

    private IRenderedComponent<Components.Pages.Pipelines.Pipelines> RenderRun(long id)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/pipelines?run={id}");
        return Render<Components.Pages.Pipelines.Pipelines>();
    }

    [Fact]
    public void ServedBuildTimeModel_DrawsItsPredictionsWithTheirIntervals()
    {
        SignIn(Roles.Viewer);
        UseFakeWithAFailedTestRun("error");
        Services.AddSingleton<IBuildDurationEstimator>(new BuildTimeModelDurationEstimator(new TestModelRegistry().AddTrained(3), new MedianDurationEstimator()));

        var page = Render<Components.Pages.Pipelines.Pipelines>();

        var chart = page.FindComponent<DashboardChart>().Instance;
        Assert.Contains("build-time model build-time/v3", chart.Title, StringComparison.Ordinal);
        var expected = chart.Traces.OfType<Scatter>().Single(t => t.Name == "expected");
        Assert.Equal(3, expected.Y.Count);
        Assert.Equal(3, expected.ErrorY.Array.Count);
        Assert.All(expected.ErrorY.ArrayMinus, minus => Assert.True((double)minus >= 0));
    }

    [Fact]
    public void SimulatedSource_ShowsTheLabelRunsAndTheDurationChart()
    {
        SignIn(Roles.Viewer);
        Services.AddSingleton(new SimulatedCiScenarios());
        Services.AddSingleton<IPipelineSource>(p => new SimulatedPipelineSource(TimeProvider.System, p.GetRequiredService<SimulatedCiScenarios>()));

        var page = Render<Components.Pages.Pipelines.Pipelines>();

        Assert.Contains("Simulated runs", page.Find("[data-testid=pipeline-source]").TextContent, StringComparison.Ordinal);
        Assert.Equal(15, page.FindAll("[data-testid=runs-table] tbody tr").Count);
        var chart = page.FindComponent<DashboardChart>().Instance;
        Assert.Equal("run-durations", chart.Name);
        var expected = chart.Traces.OfType<Scatter>().Single(t => t.Name == "expected");
        Assert.NotEmpty(expected.Y);
        Assert.Contains("median", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowAndConclusionFilters_NarrowTheTableAndTheChart()
    {
        SignIn(Roles.Viewer);
        UseFakeWithAFailedTestRun("log");
        _fake.Runs.Add(FakePipelineSource.Run(4, "CT", RunConclusion.Success, Start.AddHours(3), 12));
        var page = Render<Components.Pages.Pipelines.Pipelines>();
        Assert.Equal(4, page.FindAll("[data-testid=runs-table] tbody tr").Count);

        var selects = page.FindComponents<MudSelect<string>>();
        await page.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync("CI"));
        await page.InvokeAsync(() => selects[2].Instance.ValueChanged.InvokeAsync(nameof(RunConclusion.Success)));

        var rows = page.FindAll("[data-testid=runs-table] tbody tr");
        Assert.Equal(["CI #2", "CI #1"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var traces = page.FindComponent<DashboardChart>().Instance.Traces.OfType<Scatter>().ToList();
        Assert.Equal(2, traces.Single(t => t.Name == "actual · success").X.Count);
        Assert.Empty(traces.Single(t => t.Name == "actual · failure").X);
    }

    [Fact]
    public void FailedRun_ShowsStepsAndTheFailingLogAsTextNeverMarkup()
    {
        SignIn(Roles.Viewer);
        UseFakeWithAFailedTestRun("\u001b[31m  Failed Tests.A.B [1 ms]\u001b[0m\n<script>alert('x')</script><img src=x onerror=alert(1)>\n");

        var page = RenderRun(3);

        var details = page.Find("[data-testid=run-details]");
        Assert.Equal("3", details.GetAttribute("data-run"));
        Assert.Equal(2, details.QuerySelectorAll("tr[data-step]").Length);
        var log = page.Find("[data-testid=failing-log]");
        Assert.Contains("<script>alert('x')</script>", log.TextContent, StringComparison.Ordinal);
        Assert.Empty(log.QuerySelectorAll("script, img"));
        Assert.DoesNotContain("\u001b", log.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", log.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_AsOperator_ShowsCategoryEvidenceAndTheLinkToTheAnalysis()
    {
        SignIn(Roles.Operator);
        UseFakeWithAFailedTestRun("2026-11-23T10:09:00.0000000Z   Failed Tests.PromotionTests.Promote_StaleBase [1 s]\n   Assert.Equal() Failure: Values differ\n##[error]Process completed with exit code 1.\n");
        var page = RenderRun(3);

        page.Find("[data-testid=triage-button]").Click();

        var result = page.Find("[data-testid=triage-result]");
        Assert.Equal(nameof(FailureCategory.TestFailure), result.GetAttribute("data-category"));
        Assert.Contains("Test failure", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("Failed Tests.PromotionTests.Promote_StaleBase [1 s]", page.Find("[data-testid=triage-evidence]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/analyses?run=3", page.Find("[data-testid=deeper-analysis]").GetAttribute("href"));
    }

    [Fact]
    public void Triage_AsViewer_ButtonIsDisabled()
    {
        SignIn(Roles.Viewer);
        UseFakeWithAFailedTestRun("  Failed Tests.A.B [1 ms]");

        var page = RenderRun(3);

        Assert.True(page.Find("[data-testid=triage-button]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=triage-result]"));
    }

    [Fact]
    public void Arm64Node_SaysTheFailureRiskModelIsOff()
    {
        SignIn(Roles.Viewer);
        UseFakeWithAFailedTestRun("log");
        Services.AddSingleton(new FailureRiskRuntime(false, "linux-arm64: libtorch has no build for this platform"));

        var page = Render<Components.Pages.Pipelines.Pipelines>();

        Assert.Contains("linux-arm64", page.Find("[data-testid=failure-risk-off]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceError_ShowsTheMessage()
    {
        SignIn(Roles.Viewer);
        _fake.Failure = "GitHub refused workflow runs (403): GitHub:Token needs the actions:read permission.";
        Services.AddSingleton<IPipelineSource>(_fake);

        var page = Render<Components.Pages.Pipelines.Pipelines>();

        Assert.Contains("actions:read", page.Find("[data-testid=pipelines-error]").TextContent, StringComparison.Ordinal);
    }
}
