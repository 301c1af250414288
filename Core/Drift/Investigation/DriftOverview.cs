using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Core.Drift.Investigation;

/// <summary>One feature in one window, with its score also on the common alert scale (0.1 = threshold).</summary>
public sealed record FeatureScore(string Feature, string Version, DriftStatistic Statistic, double Score, double Threshold, bool Drifted, double AlertScore, int Rows);

/// <summary>
/// What the Drift page shows for one model: a features × windows grid of alert-scale scores, each
/// window's features sorted by score, and when the current run of drift began.
/// </summary>
public sealed class DriftOverview
{
    private readonly Dictionary<DateTimeOffset, List<FeatureScore>> _byWindow;

    private DriftOverview(IReadOnlyList<DriftWindow> windows, IReadOnlyList<string> features, Dictionary<DateTimeOffset, List<FeatureScore>> byWindow, DriftWindow? began)
    {
        Windows = windows;
        Features = features;
        _byWindow = byWindow;
        DriftBegan = began;
    }

    public IReadOnlyList<DriftWindow> Windows { get; }

    /// <summary>Features ordered by their highest alert score, so the worst sit on top of the heatmap.</summary>
    public IReadOnlyList<string> Features { get; }

    public DriftWindow? DriftBegan { get; }

    public DriftWindow? Latest => Windows.Count == 0 ? null : Windows[^1];

    /// <summary>The version served in the window where the current drift began.</summary>
    public string? VersionWhenDriftBegan => DriftBegan is { } began ? _byWindow[began.Start].FirstOrDefault()?.Version : null;

    public static DriftOverview Build(IReadOnlyList<DriftResultRecord> results)
    {
        var scores = results.Select(ToScore).ToList();
        var byWindow = results.Zip(scores)
            .GroupBy(p => p.First.WindowStart)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Second).OrderByDescending(s => s.Drifted).ThenByDescending(s => s.AlertScore).ThenBy(s => s.Feature, StringComparer.Ordinal).ToList());
        var windows = results.GroupBy(r => r.WindowStart).Select(g => new DriftWindow(g.Key, g.First().WindowEnd)).OrderBy(w => w.Start).ToList();
        var features = scores.GroupBy(s => s.Feature).OrderByDescending(g => g.Max(s => s.AlertScore)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        return new DriftOverview(windows, features, byWindow, DriftHistory.DriftBegan(results));
    }

    /// <summary>A window's features, drifted first, then by alert score.</summary>
    public IReadOnlyList<FeatureScore> In(DriftWindow window) => _byWindow.TryGetValue(window.Start, out var list) ? list : [];

    /// <summary>Alert scores, one row per feature (in <see cref="Features"/> order), one column per window; null where not computed.</summary>
    public IReadOnlyList<IReadOnlyList<double?>> Grid() =>
        [.. Features.Select(f => (IReadOnlyList<double?>)[.. Windows.Select(w => In(w).FirstOrDefault(s => s.Feature == f)?.AlertScore)])];

    /// <summary>Where a window sits on a time axis: its middle, so a deploy inside it shows before or after its point.</summary>
    public static DateTime MidPoint(DriftWindow window) => (window.Start + (window.End - window.Start) / 2).UtcDateTime;

    /// <summary>One feature's score over time.</summary>
    public IReadOnlyList<(DriftWindow Window, FeatureScore Score)> Series(string feature) =>
        [.. Windows.SelectMany(w => In(w).Where(s => s.Feature == feature).Select(s => (w, s)))];

    private static FeatureScore ToScore(DriftResultRecord r)
    {
        var statistic = Enum.Parse<DriftStatistic>(r.Statistic);
        var drift = new ColumnDrift(r.Feature, statistic, r.Score, r.Threshold, r.Drifted);
        return new FeatureScore(r.Feature, r.Version, statistic, r.Score, r.Threshold, r.Drifted, DriftMetrics.AlertScale(drift), r.Rows);
    }
}
