using System.Globalization;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Drift.Investigation;
using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Context;

/// <summary>
/// A model's drift as the Drift page sees it, from the drift monitor's stored results: the latest
/// window's features by score (with the reference and served means), since when it drifts, the
/// version served before, and the deploy or promote commit that came last before drift began.
/// </summary>
internal sealed class StoredDriftContextSource(
    DriftHistory history,
    IDeployMarkerSource deploys,
    IReferenceProfileStore profiles,
    IServedFeatureSource served,
    IOptions<DriftOptions> options,
    TimeProvider clock) : IDriftContextSource
{
    public const int MaxFeatures = 8;

    /// <summary>How far before drift began a deploy still counts as "the one before it".</summary>
    private static readonly TimeSpan DeployLookback = TimeSpan.FromDays(2);

    public async Task<DriftContext?> GetAsync(string model, string? version, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(options.Value.WindowMinutes);
        // Enough history to find where a long run of drift began, bounded like the page's widest range.
        var from = now - TimeSpan.FromTicks(window.Ticks * Math.Max(options.Value.LookbackWindows, 1) * 4);
        var results = await history.ResultsAsync(model, from, now, cancellationToken);
        if (version is not null && results.Any(r => r.Version == version))
        {
            // A version's drift ends at its last window; later windows belong to its successor.
            var last = results.Where(r => r.Version == version).Max(r => r.WindowStart);
            results = [.. results.Where(r => r.WindowStart <= last)];
        }
        if (results.Count == 0)
        {
            return null;
        }
        var overview = DriftOverview.Build(results);
        var latest = overview.Latest!.Value;
        var all = overview.In(latest);
        var servedVersion = version is not null && all.Any(s => s.Version == version) ? version : all[0].Version;
        var scores = all.Where(s => s.Version == servedVersion).ToList();
        var profile = await profiles.GetAsync(model, servedVersion, cancellationToken);
        var current = await served.ReadWindowAsync(model, servedVersion, latest.Start, latest.End, cancellationToken);
        var began = overview.DriftBegan;
        return new DriftContext
        {
            Model = model,
            Version = servedVersion,
            Score = Math.Round(scores.Max(s => s.AlertScore), 4),
            Threshold = DriftMetrics.AlertLevel,
            ModelAgeDays = profile is null ? null : Math.Round((now - profile.CreatedAt).TotalDays, 1),
            TopFeatures = [.. scores.Take(MaxFeatures).Select(s => Feature(s, profile?.Feature(s.Feature), current))],
            Since = began?.Start,
            DriftedWindows = began is { } start ? overview.Windows.Count(w => w.Start >= start.Start) : 0,
            DriftedShare = Math.Round((double)scores.Count(s => s.Drifted) / scores.Count, 3),
            PreviousVersion = VersionBefore(overview, began),
            PrecedingDeploy = began is { } first ? await DeployBeforeAsync(first, cancellationToken) : null,
        };
    }

    /// <summary>The version served in the window before drift began, when a different one served the first drifted window.</summary>
    private static string? VersionBefore(DriftOverview overview, DriftWindow? began)
    {
        if (began is not { } first)
        {
            return null;
        }
        var earlier = overview.Windows.Where(w => w.End <= first.Start).ToList();
        if (earlier.Count == 0)
        {
            return null;
        }
        var before = overview.In(earlier[^1]).FirstOrDefault()?.Version;
        return before is not null && before != overview.In(first).FirstOrDefault()?.Version ? before : null;
    }

    private async Task<IncidentCommit?> DeployBeforeAsync(DriftWindow began, CancellationToken cancellationToken)
    {
        var markers = await deploys.ReadAsync(began.Start - DeployLookback, began.End, cancellationToken);
        return markers.Markers.Where(m => m.When <= began.End).MaxBy(m => m.When) is { } marker
            ? new IncidentCommit { Sha = marker.Sha, Author = marker.Author, Message = marker.Summary, When = marker.When }
            : null;
    }

    private static DriftFeature Feature(FeatureScore score, FeatureProfile? reference, ServedWindow current)
    {
        var (baseline, now) = reference switch
        {
            { Kind: FeatureKind.Numeric } numeric when current.Numbers.GetValueOrDefault(score.Feature) is { Length: > 0 } values =>
                (F($"mean {numeric.Mean:G4} (sd {numeric.StandardDeviation:G3})"), F($"mean {values.Average():G4}")),
            { CategoryShares.Count: > 0 } categorical when current.Categories.GetValueOrDefault(score.Feature) is { Length: > 0 } labels =>
                (Top(categorical.CategoryShares), Top(labels.CountBy(l => l).ToDictionary(p => p.Key, p => (double)p.Value / labels.Length))),
            _ => ((string?)null, (string?)null),
        };
        return new DriftFeature
        {
            Name = score.Feature,
            Score = Math.Round(score.AlertScore, 4),
            Drifted = score.Drifted,
            Test = F($"{score.Statistic} {score.Score:G4} (threshold {score.Threshold:G3}, {score.Rows} rows)"),
            Baseline = baseline,
            Current = now,
        };
    }

    private static string Top(IReadOnlyDictionary<string, double> shares) =>
        string.Join(", ", shares.OrderByDescending(p => p.Value).Take(3).Select(p => F($"{p.Key} {p.Value:P0}")));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
