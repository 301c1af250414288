namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>
/// First Wasserstein distance between two empirical distributions (scipy's
/// <c>wasserstein_distance</c>) and Evidently's normed form: divided by the reference's standard
/// deviation (population, ddof 0), floored at 0.001 so a constant reference does not divide by zero.
/// </summary>
public static class Wasserstein
{
    public const double MinimumNorm = 0.001;

    public static double Distance(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var (a, b) = FastSort.SortedCopies(first, second);
        return DistanceSorted(a, b);
    }

    /// <summary>∫|F − G| over the merged sorted values, one linear walk (Neumaier-compensated sum).</summary>
    public static double DistanceSorted(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        int n1 = sorted1.Length, n2 = sorted2.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }
        int i = 0, j = 0;
        var previous = Math.Min(sorted1[0], sorted2[0]);
        double sum = 0, compensation = 0;
        while (i < n1 || j < n2)
        {
            var value = j >= n2 || (i < n1 && sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            // The CDFs are constant on [previous, value): their gap times the step width.
            var term = Math.Abs((double)i / n1 - (double)j / n2) * (value - previous);
            var t = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
            while (i < n1 && sorted1[i] <= value)
            {
                i++;
            }
            while (j < n2 && sorted2[j] <= value)
            {
                j++;
            }
            previous = value;
        }
        return sum + compensation;
    }

    public static double Normed(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Distance(reference, current) / Math.Max(StandardDeviation(reference), MinimumNorm);

    public static double NormedSorted(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, double referenceStandardDeviation) =>
        DistanceSorted(sortedReference, sortedCurrent) / Math.Max(referenceStandardDeviation, MinimumNorm);

    /// <summary>Population standard deviation (numpy's default ddof 0), two passes.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }
        return Math.Sqrt(squares / values.Length);
    }
}
