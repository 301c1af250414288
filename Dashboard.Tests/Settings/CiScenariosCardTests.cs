using Bunit;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;
using MlOpsDashboard.Core.Pipelines.Triage;
using MlOpsDashboard.Dashboard.Components.Pages.Settings;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Settings;

public sealed class CiScenariosCardTests : BunitTestContext
{
    private readonly DashboardAppFactory _app = new(new Dictionary<string, string?> { ["Cluster:Mode"] = "Sandbox" });

    public CiScenariosCardTests()
    {
        // The real registrations of AddPipelines: the simulated source and its scenarios.
        Services.AddSingleton(_app.Services.GetRequiredService<SimulatedCiScenarios>());
        Services.AddSingleton(_app.Services.GetRequiredService<IPipelineSource>());
    }

    protected override void Dispose(bool disposing)
    {
        _app.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task Operator_TriggersCompileError_StartsACiRunThatFailsInItsBuildStep()
    {
        var pipelines = _app.Services.GetRequiredService<IPipelineSource>();
        var before = (await pipelines.ListRunsAsync(50, CancellationToken.None)).Select(r => r.Id).ToHashSet();
        var card = Render<CiScenariosCard>(p => p.Add(c => c.CanOperate, true));

        card.Find("button[aria-label='Trigger CI: compile error']").Click();

        card.WaitForAssertion(() => Assert.Contains("CI: compile error triggered", card.Find("[data-testid='ci-scenario-triggered']").TextContent, StringComparison.Ordinal));
        var started = (await pipelines.ListRunsAsync(50, CancellationToken.None)).Where(r => !before.Contains(r.Id)).ToList();
        Assert.Equal(SimulatedWorkflows.Ci, Assert.Single(started).Workflow);
    }

    [Fact]
    public void WithoutOperator_ButtonsAreDisabled()
    {
        var card = Render<CiScenariosCard>(p => p.Add(c => c.CanOperate, false));

        Assert.Equal(SimulatedCiScenarios.Catalog.Count, card.FindAll("tr[data-ci-scenario]").Count);
        Assert.All(card.FindAll("tr[data-ci-scenario] button"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
