using Bunit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Dashboard.Components.Pages.Overview;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Overview;

public sealed class ConnectionsCardTests : BunitTestContext
{
    [Fact]
    public void Card_ChecksOfEachState_ShowsChipAndHintPerBackend()
    {
        Services.AddLogging();
        Services.AddHealthChecks()
            .AddCheck("Database", () => ConnectionResults.Connected("Sqlite, schema up to date"), [HealthTags.Connection])
            .AddCheck("GitHub", () => ConnectionResults.NotConfigured("Set GitHub:Repository"), [HealthTags.Connection])
            .AddCheck("Prometheus", () => ConnectionResults.Unreachable("connection refused", "Check Prometheus:Url"), [HealthTags.Connection])
            .AddCheck("Readiness only", () => HealthCheckResult.Healthy(), [HealthTags.Ready]);
        Services.AddSingleton<ConnectionsService>();

        var card = Render<ConnectionsCard>();

        card.WaitForAssertion(() => Assert.Equal(3, card.FindAll("tr[data-backend]").Count));
        Assert.Equal("Connected", card.Find("tr[data-backend='Database'] [data-state]").GetAttribute("data-state"));
        Assert.Contains("Set GitHub:Repository", card.Find("tr[data-backend='GitHub']").TextContent);
        Assert.Contains("Not configured", card.Find("tr[data-backend='GitHub']").TextContent);
        Assert.Contains("Check Prometheus:Url", card.Find("tr[data-backend='Prometheus']").TextContent);
        Assert.Equal("Unreachable", card.Find("tr[data-backend='Prometheus'] [data-state]").GetAttribute("data-state"));
    }
}
