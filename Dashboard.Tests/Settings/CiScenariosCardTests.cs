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
    public void Operator_TriggersCompileError_ArmsItAndOffersClear()
    {
        var card = Render<CiScenariosCard>(p => p.Add(c => c.CanOperate, true));

        card.Find("button[aria-label='Trigger CI: compile error']").Click();

        Assert.Equal(FailureCategory.Compile, _app.Services.GetRequiredService<SimulatedCiScenarios>().Armed);
        card.WaitForAssertion(() => Assert.Equal("true", card.Find("tr[data-ci-scenario='Compile']").GetAttribute("data-active")));
        card.Find("button[aria-label='Clear CI: compile error']").Click();
        Assert.Null(_app.Services.GetRequiredService<SimulatedCiScenarios>().Armed);
    }

    [Fact]
    public void WithoutOperator_ButtonsAreDisabled()
    {
        var card = Render<CiScenariosCard>(p => p.Add(c => c.CanOperate, false));

        Assert.Equal(SimulatedCiScenarios.Catalog.Count, card.FindAll("tr[data-ci-scenario]").Count);
        Assert.All(card.FindAll("tr[data-ci-scenario] button"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
