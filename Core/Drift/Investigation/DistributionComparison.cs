using MlOpsDashboard.Core.Drift.Monitoring;
using MlOpsDashboard.Core.Drift.Profiles;
using MlOpsDashboard.Core.Drift.Statistics;

namespace MlOpsDashboard.Core.Drift.Investigation;

/// <summary>Reference and current shares over the same bins or categories, for an overlay chart.</summary>
public sealed record DistributionComparison(IReadOnlyList<string> Labels, IReadOnlyList<double> Reference, IReadOnlyList<double> Current, int CurrentRows, double OutsideReferenceRange)
{
    /// <summary>
    /// Numeric features use the reference's own histogram bins; current values beyond them are
    /// counted in the outer bins and reported as <see cref="OutsideReferenceRange"/>, since a shift
    /// out of the training range is exactly what an engineer needs to see.
    /// </summary>
    public static DistributionComparison Build(FeatureProfile feature, ServedWindow window)
    {
        if (feature.Kind == FeatureKind.Numeric)
        {
            var values = window.Numbers.GetValueOrDefault(feature.Name) ?? [];
            var edges = feature.HistogramEdges;
            var bins = edges.Length - 1;
            var counts = new double[bins];
            var outside = 0;
            foreach (var v in values)
            {
                if (v < edges[0] || v > edges[^1])
                {
                    outside++;
                }
                var clamped = Math.Clamp(v, edges[0], edges[^1]);
                counts[BinOf(clamped, edges)]++;
            }
            var labels = Enumerable.Range(0, bins).Select(i => $"{edges[i]:G4}–{edges[i + 1]:G4}").ToList();
            var n = Math.Max(values.Length, 1);
            return new(labels, feature.HistogramShares, [.. counts.Select(c => c / n)], values.Length, (double)outside / n);
        }
        var labelsServed = window.Categories.GetValueOrDefault(feature.Name) ?? [];
        var currentCounts = labelsServed.CountBy(v => v, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var categories = feature.CategoryShares.Keys.Union(currentCounts.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var total = Math.Max(labelsServed.Length, 1);
        var unseen = labelsServed.Count(v => !feature.CategoryShares.ContainsKey(v));
        return new(categories,
            [.. categories.Select(c => feature.CategoryShares.GetValueOrDefault(c))],
            [.. categories.Select(c => (double)currentCounts.GetValueOrDefault(c) / total)],
            labelsServed.Length, (double)unseen / total);
    }

    private static int BinOf(double value, double[] edges)
    {
        var index = Array.BinarySearch(edges, value);
        var bin = index >= 0 ? index : ~index - 1;
        return Math.Clamp(bin, 0, edges.Length - 2);
    }
}
