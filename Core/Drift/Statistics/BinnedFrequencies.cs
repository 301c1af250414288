namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>Share of the reference and of the current values in each bin (or category), same order.</summary>
public sealed record BinnedShares(double[] Reference, double[] Current);

/// <summary>
/// Binning for the distance statistics; shares are counts over sample size. A numeric feature with
/// more than 20 distinct reference values gets numpy's Sturges bins; anything else is counted per
/// distinct value of both samples. Jensen–Shannon takes the bins over reference and current
/// together, as Evidently's <c>get_binned_data</c> does. PSI takes them from the reference alone
/// (the definition, and what the stored reference profile holds), with the outer bins open
/// so current values beyond the reference's range land in the edge bins instead of vanishing.
/// </summary>
public static class BinnedFrequencies
{
    public const int MaxDistinctForValueCounts = 20;

    public static BinnedShares Numeric(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (CountDistinct(reference, MaxDistinctForValueCounts + 1) > MaxDistinctForValueCounts)
        {
            var edges = SturgesEdges(reference, current);
            return new(Shares(Histogram(reference, edges), reference.Length), Shares(Histogram(current, edges), current.Length));
        }
        return ValueCounts(reference.ToArray(), current.ToArray());
    }

    /// <summary>PSI's bins: Sturges edges of the reference, outer bins open-ended.</summary>
    public static BinnedShares NumericFromReference(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (CountDistinct(reference, MaxDistinctForValueCounts + 1) > MaxDistinctForValueCounts)
        {
            var edges = SturgesEdges(reference, []);
            return new(Shares(Histogram(reference, edges, openEnded: true), reference.Length), Shares(Histogram(current, edges, openEnded: true), current.Length));
        }
        return ValueCounts(reference.ToArray(), current.ToArray());
    }

    public static BinnedShares ValueCounts<T>(IReadOnlyList<T> reference, IReadOnlyList<T> current) where T : notnull
    {
        var referenceCounts = Count(reference);
        var currentCounts = Count(current);
        var keys = referenceCounts.Keys.Union(currentCounts.Keys).ToList();
        return new(
            [.. keys.Select(k => (double)referenceCounts.GetValueOrDefault(k) / reference.Count)],
            [.. keys.Select(k => (double)currentCounts.GetValueOrDefault(k) / current.Count)]);
    }

    /// <summary>
    /// PSI's fix for empty bins: zero shares become a millionth of the smallest non-zero share when
    /// that is tiny, otherwise 0.0001 (Evidently's <c>feel_zeroes</c>).
    /// </summary>
    public static double[] FillZeroes(double[] shares)
    {
        var smallest = shares.Where(s => s != 0).DefaultIfEmpty(double.NaN).Min();
        var replacement = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return [.. shares.Select(s => s == 0 ? replacement : s)];
    }

    /// <summary>numpy's <c>histogram_bin_edges(values, bins='sturges')</c> over both samples.</summary>
    public static double[] SturgesEdges(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in reference)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        foreach (var v in current)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var size = reference.Length + current.Length;
        var ptp = max - min;
        double first = min, last = max;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        var width = ptp / (Math.Log2(size) + 1.0);
        var bins = width != 0 ? (int)Math.Ceiling((last - first) / width) : 1;
        return LinearSpace(first, last, bins + 1);
    }

    /// <summary>numpy's linspace: start + i·step, the last point exactly the end.</summary>
    public static double[] LinearSpace(double start, double stop, int count)
    {
        var points = new double[count];
        var step = (stop - start) / (count - 1);
        for (var i = 0; i < count; i++)
        {
            points[i] = i * step + start;
        }
        points[^1] = stop;
        return points;
    }

    /// <summary>
    /// numpy's histogram over explicit edges: [e_i, e_i+1) except the last bin, which includes its
    /// right edge; values outside are left out, or counted in the nearest outer bin when
    /// <paramref name="openEnded"/>. NaN is never counted. An arithmetic guess of the bin, then
    /// fixed against the real edges, keeps numpy's exact boundaries at O(1) per value.
    /// </summary>
    public static long[] Histogram(ReadOnlySpan<double> values, double[] edges, bool openEnded = false)
    {
        var bins = edges.Length - 1;
        var counts = new long[bins];
        var first = edges[0];
        var last = edges[^1];
        var scale = bins / (last - first);
        foreach (var v in values)
        {
            if (!(v >= first && v <= last))
            {
                if (openEnded && !double.IsNaN(v))
                {
                    counts[v < first ? 0 : bins - 1]++;
                }
                continue;
            }
            var index = Math.Clamp((int)((v - first) * scale), 0, bins - 1);
            while (index > 0 && v < edges[index])
            {
                index--;
            }
            while (index < bins - 1 && v >= edges[index + 1])
            {
                index++;
            }
            counts[index]++;
        }
        return counts;
    }

    public static int CountDistinct(ReadOnlySpan<double> values) => CountDistinct(values, [], int.MaxValue);

    public static int CountDistinct(ReadOnlySpan<double> values, int stopAfter) => CountDistinct(values, [], stopAfter);

    /// <summary>Distinct values of both samples together, counting no further than <paramref name="stopAfter"/>.</summary>
    public static int CountDistinct(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int stopAfter)
    {
        var seen = new HashSet<double>();
        foreach (var v in first)
        {
            if (seen.Add(v) && seen.Count >= stopAfter)
            {
                return seen.Count;
            }
        }
        foreach (var v in second)
        {
            if (seen.Add(v) && seen.Count >= stopAfter)
            {
                return seen.Count;
            }
        }
        return seen.Count;
    }

    private static double[] Shares(long[] counts, int size) => [.. counts.Select(c => (double)c / size)];

    private static Dictionary<T, int> Count<T>(IReadOnlyList<T> values) where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }
        return counts;
    }
}
