namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>The figures the datasets README's protocol asks for, computed the usual way.</summary>
public static class QualityMetrics
{
    /// <summary>F1 of the positive ("failed") class; 0 when nothing is predicted or nothing is positive.</summary>
    public static double F1(IReadOnlyList<bool> actual, IReadOnlyList<bool> predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (predicted[i] && actual[i])
            {
                tp++;
            }
            else if (predicted[i])
            {
                fp++;
            }
            else if (actual[i])
            {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>ROC AUC by the rank-sum formula (ties count half); NaN when one class is absent.</summary>
    public static double RocAuc(IReadOnlyList<bool> actual, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, actual.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[order.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        double positives = actual.Count(a => a), negatives = actual.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        var rankSum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i])
            {
                rankSum += ranks[i];
            }
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static double MeanAbsoluteError(IReadOnlyList<double> actual, IReadOnlyList<double> predicted) =>
        actual.Count == 0 ? double.NaN : actual.Select((a, i) => Math.Abs(a - predicted[i])).Average();

    public static double RSquared(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        if (actual.Count == 0)
        {
            return double.NaN;
        }
        var mean = actual.Average();
        var total = actual.Sum(a => (a - mean) * (a - mean));
        var residual = actual.Select((a, i) => (a - predicted[i]) * (a - predicted[i])).Sum();
        return total == 0 ? double.NaN : 1 - residual / total;
    }

    /// <summary>
    /// APFD of one ordering: 1 - (sum of first-failure positions)/(n·m) + 1/(2n), for n tests and
    /// m failing tests (each failing test counts as its own fault, as in RETECS). NaN without failures.
    /// </summary>
    public static double Apfd(IReadOnlyList<bool> failedInOrder)
    {
        var n = failedInOrder.Count;
        var positions = 0.0;
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (failedInOrder[i])
            {
                positions += i + 1;
                m++;
            }
        }
        return m == 0 ? double.NaN : 1 - positions / (n * (double)m) + 1 / (2.0 * n);
    }

    /// <summary>
    /// Cost-aware APFD (Elbaum et al.): each fault weighs the test time still to run after it is
    /// found, plus half its own test. NaN without failures or without any time.
    /// </summary>
    public static double ApfdCost(IReadOnlyList<bool> failedInOrder, IReadOnlyList<double> durations)
    {
        var total = durations.Sum();
        var m = failedInOrder.Count(f => f);
        if (m == 0 || total <= 0)
        {
            return double.NaN;
        }
        var numerator = 0.0;
        var remaining = total;
        for (var i = 0; i < failedInOrder.Count; i++)
        {
            if (failedInOrder[i])
            {
                numerator += remaining - durations[i] / 2;
            }
            remaining -= durations[i];
        }
        return numerator / (total * m);
    }

    /// <summary>Share of the cycle's total test time spent until the last failing test has run.</summary>
    public static double TimeShareToCatchAll(IReadOnlyList<bool> failedInOrder, IReadOnlyList<double> durations)
    {
        var total = durations.Sum();
        var last = -1;
        for (var i = 0; i < failedInOrder.Count; i++)
        {
            if (failedInOrder[i])
            {
                last = i;
            }
        }
        return last < 0 || total <= 0 ? double.NaN : durations.Take(last + 1).Sum() / total;
    }

    /// <summary>Mean that ignores NaN entries (a project or cycle where the figure is undefined).</summary>
    public static double MeanDefined(IEnumerable<double> values)
    {
        var defined = values.Where(v => !double.IsNaN(v)).ToList();
        return defined.Count == 0 ? double.NaN : defined.Average();
    }

    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
