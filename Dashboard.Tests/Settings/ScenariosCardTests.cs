using Bunit;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Sandbox.Platform;
using MlOpsDashboard.Dashboard.Components.Pages.Settings;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Settings;

public sealed class ScenariosCardTests : BunitTestContext
{
    private readonly SandboxScenarios _scenarios = new(TimeProvider.System);

    private IRenderedComponent<ScenariosCard> RenderAs(string role, string clusterMode = "Sandbox")
    {
        Services.AddSingleton(_scenarios);
        Services.AddSingleton(Options.Create(new ClusterOptions { Mode = clusterMode }));
        return Render<ScenariosCard>(p => p.Add(c => c.CanOperate, Roles.AtLeast(Roles.Operator).Contains(role)));
    }

    [Fact]
    public void Operator_ClicksTrigger_ScenarioBecomesActiveAndOffersClear()
    {
        var card = RenderAs(Roles.Operator);

        card.Find("button[aria-label='Trigger Crash loop']").Click();

        Assert.True(_scenarios.IsActive(SandboxScenario.CrashLoop));
        card.WaitForAssertion(() => Assert.Equal("true", card.Find("tr[data-scenario='CrashLoop']").GetAttribute("data-active")));
        card.Find("button[aria-label='Clear Crash loop']").Click();
        Assert.False(_scenarios.IsActive(SandboxScenario.CrashLoop));
    }

    [Fact]
    public void WithoutOperator_SeesEveryScenarioWithDisabledButtons()
    {
        var card = RenderAs(Roles.Viewer);

        Assert.Equal(SandboxScenarios.Catalog.Count, card.FindAll("tr[data-scenario]").Count);
        Assert.All(card.FindAll("tr[data-scenario] button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void ScenarioTriggeredElsewhere_ShowsUpWithoutReload()
    {
        var card = RenderAs(Roles.Viewer);

        _scenarios.Trigger(SandboxScenario.NodeNotReady);

        card.WaitForAssertion(() => Assert.Contains("Active since", card.Find("tr[data-scenario='NodeNotReady']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void RealCluster_ExplainsScenariosAreSandboxOnly()
    {
        var card = RenderAs(Roles.Admin, clusterMode: "Kubernetes");

        Assert.Empty(card.FindAll("tr[data-scenario]"));
        Assert.Contains("exist only in the sandbox", card.Markup, StringComparison.Ordinal);
    }
}
