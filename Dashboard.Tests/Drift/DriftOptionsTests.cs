using MlOpsDashboard.Core.Drift.Monitoring;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class DriftOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new DriftOptionsValidator().Validate(null, new DriftOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadValue_NamedWithItsKey()
    {
        var result = new DriftOptionsValidator().Validate(null, new DriftOptions { IntervalSeconds = 0, WindowMinutes = -1, MinimumRows = 1, LookbackWindows = 0 });

        Assert.Equal(
            ["Drift:IntervalSeconds", "Drift:WindowMinutes", "Drift:MinimumRows", "Drift:LookbackWindows"],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }
}
