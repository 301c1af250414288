namespace MlOpsDashboard.Dashboard.Components.Pages.Pipelines;

internal static class DurationText
{
    /// <summary>"7m 12s", "1h 04m", "42s"; an em dash while there is nothing to show.</summary>
    public static string Format(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalHours: >= 1 } d => $"{(int)d.TotalHours}h {d.Minutes:00}m",
        { TotalMinutes: >= 1 } d => $"{(int)d.TotalMinutes}m {d.Seconds:00}s",
        { } d => $"{Math.Max(0, (int)Math.Round(d.TotalSeconds))}s",
    };
}
