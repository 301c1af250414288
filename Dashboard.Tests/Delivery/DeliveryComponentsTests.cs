using Bunit;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Rollback;
using MlOpsDashboard.Dashboard.Components.Pages.Delivery;
using MlOpsDashboard.Dashboard.Tests.Support;
using static MlOpsDashboard.Dashboard.Tests.Delivery.DeliveryHarness;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>The delivery components over real services and a real bare repository.</summary>
public sealed class DeliveryComponentsTests : BunitTestContext
{
    // Git work on a machine shared by several builds: give renders that wait on it room.
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);
    private readonly DeliveryHarness _delivery = new();

    public DeliveryComponentsTests()
    {
        Services.AddSingleton(_delivery.Promotions);
        Services.AddSingleton(_delivery.Rollbacks);
        Services.AddSingleton(_delivery.Audit);
    }

    protected override void Dispose(bool disposing)
    {
        _delivery.Dispose();
        base.Dispose(disposing);
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Admin, true)]
    public void Actions_ByRole_ButtonsEnabledOnlyForOperatorAndAdmin(string role, bool enabled)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var actions = Render<ApplicationDeliveryActions>(p => p.Add(a => a.Application, Production));

        Assert.Equal(!enabled, actions.Find("[data-testid=promote]").HasAttribute("disabled"));
        Assert.Equal(!enabled, actions.Find("[data-testid=rollback]").HasAttribute("disabled"));
    }

    [Fact]
    public void PromoteForm_PreviewThenReason_ConfirmEnabledOnlyWithReasonAndCommits()
    {
        AddAuthorization().SetAuthorized("alice").SetRoles(Roles.Operator);
        DeliveryResult? delivered = null;

        var form = Render<PromoteForm>(p => p.Add(f => f.Application, Production).Add(f => f.OnDelivered, r => delivered = r));
        form.WaitForAssertion(() => Assert.Contains("now runs image tag 1.3.2", form.Find("[data-testid=promote-form]").TextContent), Slow);
        form.Find("[data-testid=preview]").Click();
        form.WaitForAssertion(() => Assert.Contains("+    newTag: 1.4.0 # promoted from staging", form.Find("[data-testid=diff]").TextContent), Slow);

        Assert.True(form.Find("[data-testid=confirm]").HasAttribute("disabled"));
        form.Find("textarea").Input("soaked in staging");
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=confirm]").HasAttribute("disabled")), Slow);
        form.Find("[data-testid=confirm]").Click();

        form.WaitForAssertion(() => Assert.Equal(DeliveryOutcome.Committed, delivered?.Outcome), Slow);
        Assert.Equal(delivered!.CommitSha, _delivery.Remote.Tip());
        Assert.Equal("Committed", form.Find("[data-testid=delivery-result]").GetAttribute("data-outcome"));
    }

    [Fact]
    public void PromoteForm_PresetModelVersion_PreviewsRollingTheModelBack()
    {
        AddAuthorization().SetAuthorized("alice").SetRoles(Roles.Operator);

        var form = Render<PromoteForm>(p => p.Add(f => f.Application, Production).Add(f => f.ModelVersion, "10"));
        form.WaitForAssertion(() => Assert.Contains("now runs image tag", form.Find("[data-testid=promote-form]").TextContent), Slow);
        form.Find("[data-testid=preview]").Click();

        form.WaitForAssertion(() => Assert.Contains("+      - MODEL_VERSION=10", form.Find("[data-testid=diff]").TextContent), Slow);
        Assert.Contains("-      - MODEL_VERSION=11", form.Find("[data-testid=diff]").TextContent);
    }

    [Fact]
    public void PromoteForm_Viewer_ConfirmRefusedAndNothingCommitted()
    {
        AddAuthorization().SetAuthorized("vera").SetRoles(Roles.Viewer);
        var tip = _delivery.Remote.Tip();

        var form = Render<PromoteForm>(p => p.Add(f => f.Application, Production));
        form.WaitForAssertion(() => Assert.Contains("now runs image tag", form.Markup), Slow);
        form.Find("[data-testid=preview]").Click();
        form.WaitForAssertion(() => form.Find("[data-testid=diff]"), Slow);
        form.Find("textarea").Input("trying anyway");
        form.Find("[data-testid=confirm]").Click();

        form.WaitForAssertion(() => Assert.Contains("needs the operator role", form.Find("[data-testid=promote-error]").TextContent), Slow);
        Assert.Equal(tip, _delivery.Remote.Tip());
    }

    [Fact]
    public void RollbackForm_LastHealthy_PreviewsTheEarlierStateAndRollsBack()
    {
        AddAuthorization().SetAuthorized("alice").SetRoles(Roles.Operator);
        var seed = _delivery.Remote.Tip();
        _delivery.Remote.PushOutsideChange(ProductionFile, t => t.Replace("newTag: 1.3.2", "newTag: 1.4.0", StringComparison.Ordinal), "Release 1.4.0");

        var form = Render<RollbackForm>(p => p.Add(f => f.Application, Production));
        form.WaitForAssertion(() => Assert.Equal(2, form.FindAll("tr[data-revision]").Count), Slow);
        Assert.Contains(seed[..7], form.Find("[data-testid=last-healthy]").TextContent);
        form.Find("[data-testid=last-healthy]").Click();
        form.WaitForAssertion(() => Assert.Contains("+    newTag: 1.3.2", form.Find("[data-testid=diff]").TextContent), Slow);
        form.Find("textarea").Input("1.4.0 crash-loops");
        form.Find("[data-testid=confirm]").Click();

        form.WaitForAssertion(() => Assert.Equal("Committed", form.Find("[data-testid=delivery-result]").GetAttribute("data-outcome")), Slow);
        Assert.Equal(_delivery.Remote.TreeAt(seed, ProductionPath), _delivery.Remote.TreeAt(_delivery.Remote.Tip(), ProductionPath));
    }
}
