using MlOpsDashboard.Dashboard.Components.Layout;
using MlOpsDashboard.Dashboard.Components.Pages.Account;
using MlOpsDashboard.Dashboard.Components.Pages.Applications;
using MlOpsDashboard.Dashboard.Components.Pages.Audit;
using MlOpsDashboard.Dashboard.Components.Pages.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Layout;

public sealed class PageOverlaysTests
{
    [Theory]
    [InlineData(typeof(ClusterPage), false)]
    [InlineData(typeof(ApplicationsPage), false)]
    [InlineData(typeof(ApplicationDetailPage), true)]
    [InlineData(typeof(Components.Pages.Analyses.Analyses), true)]
    [InlineData(typeof(AuditPage), true)]
    [InlineData(typeof(Login), false)]
    public void NeedsProviders_Page_OnlyMainLayoutPagesNotMarkedWithoutPopovers(Type page, bool needed) =>
        Assert.Equal(needed, PageOverlays.NeedsProviders(page));
}
