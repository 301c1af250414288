namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>Two-sided two-sample KS: the largest ECDF gap and its p-value; Exact says which method gave it.</summary>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, bool Exact);

/// <summary>
/// Two-sample Kolmogorov–Smirnov test, two-sided, exactly as scipy's <c>ks_2samp(method='auto')</c>:
/// the exact distribution (Hodges' lattice-path counting) when both samples have at most 10,000
/// values, otherwise <c>kstwo.sf(d, round(n·m/(n+m)))</c>.
/// </summary>
public static class KolmogorovSmirnov
{
    public const int MaxExactSize = 10_000;

    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var (a, b) = FastSort.SortedCopies(first, second);
        return TwoSampleSorted(a, b);
    }

    /// <summary>For callers that keep sorted samples (a reference profile), saving two sorts.</summary>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        if (sorted1.Length == 0 || sorted2.Length == 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }
        var d = Statistic(sorted1, sorted2);
        return PValue(sorted1.Length, sorted2.Length, d);
    }

    /// <summary>The ECDF gap, computed as scipy does: both CDFs at every observed value (right-continuous).</summary>
    public static double Statistic(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        int n1 = sorted1.Length, n2 = sorted2.Length;
        int i = 0, j = 0;
        double maxS = double.NegativeInfinity, minS = double.PositiveInfinity;
        while (i < n1 || j < n2)
        {
            var value = j >= n2 || (i < n1 && sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            while (i < n1 && sorted1[i] <= value)
            {
                i++;
            }
            while (j < n2 && sorted2[j] <= value)
            {
                j++;
            }
            var diff = (double)i / n1 - (double)j / n2;
            maxS = Math.Max(maxS, diff);
            minS = Math.Min(minS, diff);
        }
        var negative = Math.Clamp(-minS, 0, 1);
        return negative > maxS ? negative : maxS;
    }

    public static KolmogorovSmirnovResult PValue(int n1, int n2, double d)
    {
        if (Math.Max(n1, n2) <= MaxExactSize && TryExact(n1, n2, d, out var exactD, out var exactP))
        {
            return new(exactD, Math.Clamp(exactP, 0, 1), true);
        }
        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var p = KolmogorovDistribution.Survival((int)Math.Round(en, MidpointRounding.ToEven), d);
        return new(d, Math.Clamp(p, 0, 1), false);
    }

    private static bool TryExact(int n1, int n2, double d, out double roundedD, out double p)
    {
        long g = GreatestCommonDivisor(n1, n2);
        var lcm = n1 / g * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        roundedD = h * 1.0 / lcm;
        if (h == 0)
        {
            p = 1.0;
            return true;
        }
        p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
        return p is >= 0 and <= 1 && !double.IsNaN(p);
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    /// <summary>P(D_{n,n} &gt;= h/n), Horner-like to avoid cancellation (scipy's _compute_prob_outside_square).</summary>
    private static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        var k = (long)Math.Floor((double)n / h);
        while (k >= 0)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /// <summary>
    /// Share of lattice paths leaving the band |x/m − y/n| &lt; h/lcm, computed directly as 1 − p
    /// (Viehmann's recursion, scipy's _compute_outer_prob_inside_method).
    /// </summary>
    private static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }
        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var x = minj; x < maxj; x++)
        {
            a[x] = 0.0;
        }
        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }
            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                for (var x = maxj - minj; x < Math.Min(maxj - minj + (lastlen - curlen), lenA); x++)
                {
                    a[x] = 1;
                }
            }
        }
        return a[maxj - minj - 1];
    }
}
