using MlOpsDashboard.Core.Drift.Monitoring;

namespace MlOpsDashboard.Dashboard.Tests.Drift;

public sealed class DriftWindowsTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Containing_InstantInsideHour_StartsOnTheHour()
    {
        var window = DriftWindows.Containing(new DateTimeOffset(2026, 11, 24, 10, 59, 59, TimeSpan.Zero), Hour);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void Containing_InstantExactlyOnBoundary_BelongsToTheWindowItStarts()
    {
        var boundary = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal(boundary, DriftWindows.Containing(boundary, Hour).Start);
        Assert.Equal(boundary, DriftWindows.Containing(boundary.AddTicks(-1), Hour).End);
    }

    [Fact]
    public void Containing_OtherTimeZone_AlignsOnUtc()
    {
        var window = DriftWindows.Containing(new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.FromHours(2)), Hour);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), window.Start);
    }

    [Fact]
    public void Due_NothingComputedYet_ReturnsCompletedWindowsUpToLookbackOldestFirst()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 20, 0, TimeSpan.Zero);

        var due = DriftWindows.Due(now, Hour, null, 3);

        Assert.Equal([7, 8, 9], due.Select(w => w.Start.Hour));
        Assert.All(due, w => Assert.True(w.End <= now));
    }

    [Fact]
    public void Due_LastComputedWindowEnded_ReturnsOnlyLaterCompletedWindows()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 20, 0, TimeSpan.Zero);

        var due = DriftWindows.Due(now, Hour, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), 24);

        Assert.Equal(new DriftWindow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero)), Assert.Single(due));
    }

    [Fact]
    public void Due_CurrentWindowAlreadyComputed_ReturnsNothing()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 20, 0, TimeSpan.Zero);

        Assert.Empty(DriftWindows.Due(now, Hour, new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), 24));
    }

    [Fact]
    public async Task InMemorySource_RowsOnBothBoundaries_IncludesStartExcludesEnd()
    {
        var source = new InMemoryServedFeatureSource();
        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        foreach (var (at, value) in new[] { (start.AddTicks(-1), 1.0), (start, 2.0), (start.AddMinutes(59), 3.0), (start.AddHours(1), 4.0) })
        {
            source.Record("m", "1", new ServedRow(at, new Dictionary<string, object> { ["x"] = value, ["kind"] = "a", ["flag"] = true }));
        }

        var window = await source.ReadWindowAsync("m", "1", start, start.AddHours(1), CancellationToken.None);

        Assert.Equal([2.0, 3.0], window.Numbers["x"]);
        Assert.Equal(2, window.Rows);
        Assert.Equal(["true", "true"], window.Categories["flag"]);
    }
}
