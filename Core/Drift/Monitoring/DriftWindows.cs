namespace MlOpsDashboard.Core.Drift.Monitoring;

/// <summary>A half-open time window [Start, End).</summary>
public readonly record struct DriftWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Windows are aligned to multiples of their length since the Unix epoch (hourly windows start on
/// the hour), so every replica and every restart cuts the same windows, and each is computed once.
/// </summary>
public static class DriftWindows
{
    /// <summary>The window that contains <paramref name="instant"/>.</summary>
    public static DriftWindow Containing(DateTimeOffset instant, TimeSpan length)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = ticks - (((ticks % length.Ticks) + length.Ticks) % length.Ticks);
        var startTime = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + start, TimeSpan.Zero);
        return new(startTime, startTime + length);
    }

    /// <summary>
    /// Completed windows (End ≤ now) after <paramref name="lastComputedEnd"/>, oldest first, at most
    /// <paramref name="lookback"/> of them: after a long outage the monitor catches up on recent
    /// windows instead of grinding through history.
    /// </summary>
    public static IReadOnlyList<DriftWindow> Due(DateTimeOffset now, TimeSpan length, DateTimeOffset? lastComputedEnd, int lookback)
    {
        var current = Containing(now, length);
        var windows = new List<DriftWindow>();
        for (var end = current.Start; windows.Count < lookback; end -= length)
        {
            if (lastComputedEnd is { } last && end <= last)
            {
                break;
            }
            windows.Add(new(end - length, end));
        }
        windows.Reverse();
        return windows;
    }
}
