namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>
/// The few special functions the drift tests need (.NET has no gamma or erfc), accurate to about
/// 1e-15 relative, so p-values agree with scipy's cephes versions far inside the 1e-9 the tests ask.
/// </summary>
public static class SpecialFunctions
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }
        if (x <= 0)
        {
            return 1;
        }
        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    /// <summary>Survival function of the chi-square distribution, as scipy's chi2.sf.</summary>
    public static double ChiSquareSurvival(double statistic, double degreesOfFreedom) =>
        double.IsNaN(statistic) ? double.NaN : UpperRegularizedGamma(degreesOfFreedom / 2, statistic / 2);

    /// <summary>Standard normal CDF, as scipy's ndtr (through erfc for the tails).</summary>
    public static double NormalCdf(double z)
    {
        // erfc(y) = Q(1/2, y²) for y ≥ 0.
        var tail = 0.5 * UpperRegularizedGamma(0.5, z * z / 2);
        return z >= 0 ? 1 - tail : tail;
    }

    private static double LowerSeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        for (var n = 1; n < 10_000; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * 1e-17)
            {
                break;
            }
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny)
            {
                d = tiny;
            }
            c = b + an / c;
            if (Math.Abs(c) < tiny)
            {
                c = tiny;
            }
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }
}
