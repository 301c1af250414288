using MlOpsDashboard.Dashboard.Components.Shared;

namespace MlOpsDashboard.Dashboard.Tests.Shared;

public sealed class UsageBarMarkupTests
{
    [Fact]
    public void Html_UsedAboveNinetyPercent_ShowsWidthsFiguresAndOverClass()
    {
        var html = UsageBarMarkup.Html("CPU", 4m, 2m, 3.8m, v => $"{v} cores").Value;

        Assert.Contains("data-resource=\"CPU\"", html);
        Assert.Contains("used 3.8 cores · requested 2 cores · allocatable 4 cores", html);
        Assert.Contains("class=\"usage-bar-requested\" style=\"width: 50%\"", html);
        Assert.Contains("class=\"usage-bar-used usage-bar-over\" style=\"width: 95%\"", html);
        Assert.Contains("title=\"CPU: 95% used, 50% requested of allocatable\"", html);
    }

    [Fact]
    public void Html_NoUsageAndNoAllocatable_SaysNotAvailableAndDrawsNothing()
    {
        var html = UsageBarMarkup.Html("<Memory>", 0m, 1m, null, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Value;

        Assert.Contains("used n/a", html);
        Assert.Contains("&lt;Memory&gt;", html);
        Assert.DoesNotContain("<Memory>", html);
        Assert.Contains("class=\"usage-bar-used\" style=\"width: 0%\"", html);
    }
}
