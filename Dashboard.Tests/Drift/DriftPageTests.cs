using Bunit;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Dashboard.Components.Pages.Drift;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

/// <summary>The whole Drift page in bUnit over the real app's drift services (its database and monitor results).</summary>
[Collection(DriftAppCollection.Name)]
public sealed class DriftPageTests : BunitTestContext
{
    public DriftPageTests(DriftAppFixture fixture)
    {
        var app = fixture.App.Services;
        Services.AddSingleton(app.GetRequiredService<DriftHistory>());
        Services.AddSingleton(app.GetRequiredService<IReferenceProfileStore>());
        Services.AddSingleton(app.GetRequiredService<IServedFeatureSource>());
        Services.AddSingleton(app.GetRequiredService<IDeployMarkerSource>());
        Services.AddSingleton(app.GetRequiredService<IOptions<DriftOptions>>());
        Services.AddSingleton(app.GetRequiredService<IOptions<PredictionApiOptions>>());
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Operator, true)]
    public void DriftPage_Role_EnablesActionsOnlyForOperators(string role, bool enabled)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var page = Render<DriftPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=drifted-features] tbody tr")), TimeSpan.FromSeconds(30));
        // Any render during loading (e.g. a select reporting its value) can show the table before the rollback target is read.
        page.WaitForAssertion(() =>
        {
            Assert.Equal(!enabled, IsDisabled(page.Find("[data-testid=drift-investigate]")));
            Assert.Equal(!enabled, IsDisabled(page.Find("[data-testid=drift-rollback]")));
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(DriftScenario.ShiftedFeature, page.Find("[data-testid=drifted-features] tbody tr").GetAttribute("data-feature"));
    }

    private static bool IsDisabled(AngleSharp.Dom.IElement button) =>
        button.ClassList.Contains("mud-button-disabled") || button.HasAttribute("disabled");
}
