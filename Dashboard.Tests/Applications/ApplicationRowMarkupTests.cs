using MlOpsDashboard.Dashboard.Components.Pages.Applications;
using MlOpsDashboard.Dashboard.Tests.Cluster;

namespace MlOpsDashboard.Dashboard.Tests.Applications;

public sealed class ApplicationRowMarkupTests
{
    [Fact]
    public void RowOf_HostileNameAndAge_OneEncodedRowSharedWhileTheAgeStays()
    {
        var app = ClusterFixtures.Application("<script>alert(1)</script>", project: "a&b");

        var row = ApplicationRowMarkup.RowOf(app, "3 min ago").Value;

        Assert.StartsWith("<tr><td><a href=\"applications/", row);
        Assert.Contains(" data-app=\"&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</a></td><td>a&amp;b</td>", row);
        Assert.EndsWith("<td>3 min ago</td></tr>", row);
        Assert.DoesNotContain("<script>", row);
        Assert.Same(row, ApplicationRowMarkup.RowOf(app, "3 min ago").Value);
        Assert.EndsWith("<td>&lt;4 min ago</td></tr>", ApplicationRowMarkup.RowOf(app, "<4 min ago").Value);
    }
}
