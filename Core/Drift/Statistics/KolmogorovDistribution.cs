namespace MlOpsDashboard.Core.Drift.Statistics;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, the distribution
/// scipy's <c>kstwo.sf</c> evaluates and <c>ks_2samp</c> uses for large samples. Follows Simard and
/// L'Ecuyer (2011) exactly as scipy's <c>_ksstats._kolmogn</c> chooses between Ruben–Gambino, the
/// Durbin matrix (Marsaglia–Tsang–Wang), Pomeranz, Pelz–Good and 2·Smirnov, so results match it.
/// </summary>
public static class KolmogorovDistribution
{
    private const int Scale = 128;
    private static readonly double ScaleUp = Math.ScaleB(1.0, Scale);
    private static readonly double ScaleDown = Math.ScaleB(1.0, -Scale);
    private const double MinLog = -708;
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>P(D_n &gt;= x).</summary>
    public static double Survival(int n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }
        if (x >= 1)
        {
            return 0;
        }
        if (x <= 0)
        {
            return 1;
        }
        var t = n * x;
        if (t <= 1)
        {
            if (t <= 0.5)
            {
                return 1;
            }
            double prob;
            if (n <= 140)
            {
                prob = 1;
                for (var i = 1; i <= n; i++)
                {
                    prob *= i * (1.0 / n) * (2 * t - 1);
                }
            }
            else
            {
                prob = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }
            return Clip(1 - prob);
        }
        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1 - x, n));
        }
        if (x >= 0.5)
        {
            return Clip(2 * Smirnov(n, x));
        }
        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1 - DurbinMatrix(n, x));
            }
            if (nxSquared <= 4)
            {
                return Clip(1 - Pomeranz(n, x));
            }
            return Clip(2 * Smirnov(n, x));
        }
        if (nxSquared >= 370)
        {
            return 0;
        }
        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, x));
        }
        double cdf = n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrix(n, x) : PelzGood(n, x);
        return Clip(1 - cdf);
    }

    private static double Clip(double p) => Math.Clamp(p, 0, 1);

    private static double LogFactorialOverPower(int n)
    {
        var rn = 1.0 / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            poly = poly * (rn / n) + c;
        }
        return Math.Log(n) / 2 - n + Math.Log(2 * Math.PI) / 2 + rn * poly;
    }

    /// <summary>P(D_n &lt;= d) by the Durbin matrix, as Marsaglia, Tsang and Wang compute it.</summary>
    private static double DurbinMatrix(int n, double d)
    {
        if (d >= 1)
        {
            return 1;
        }
        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0;
        }
        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;
        var matrix = new double[m, m];
        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }
        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                matrix[r, i] = w[r - (i - 1)];
            }
        }
        for (var r = 0; r < m; r++)
        {
            matrix[r, 0] = v[r];
        }
        for (var c = 0; c < m; c++)
        {
            matrix[m - 1, c] = v[m - 1 - c];
        }

        var power = Identity(m);
        var exponent = 0;
        var matrixExponent = 0;
        var remaining = n;
        while (remaining > 0)
        {
            if (remaining % 2 == 1)
            {
                power = Multiply(power, matrix);
                exponent += matrixExponent;
            }
            matrix = Multiply(matrix, matrix);
            matrixExponent *= 2;
            if (Math.Abs(matrix[k - 1, k - 1]) > ScaleUp)
            {
                ScaleInPlace(matrix, ScaleDown);
                matrixExponent += Scale;
            }
            remaining /= 2;
        }
        var p = power[k - 1, k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < ScaleDown)
            {
                p *= ScaleUp;
                exponent -= Scale;
            }
        }
        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }
        return Clip(p);
    }

    private static double[,] Identity(int m)
    {
        var identity = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            identity[i, i] = 1;
        }
        return identity;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = a.GetLength(0);
        var result = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i, l];
                if (ail == 0)
                {
                    continue;
                }
                for (var j = 0; j < m; j++)
                {
                    result[i, j] += ail * b[l, j];
                }
            }
        }
        return result;
    }

    private static void ScaleInPlace(double[,] matrix, double factor)
    {
        var m = matrix.GetLength(0);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                matrix[i, j] *= factor;
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            (j1, j2) = (-ll - ceilf - 1, ll + ceilf - 1);
        }
        else
        {
            var ip1div2 = (i + 1) / 2;
            var ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0)
            {
                (j1, j2) = ip1div2 == n + 1
                    ? (n - ll - ceilf - 1, n + ll + ceilf - 1)
                    : (ip1div2 - 1 - ll - roundf - 1, ip1div2 + ll - 1 + ceilf - 1);
            }
            else
            {
                (j1, j2) = (ip1div2 - 1 - ll - 1, ip1div2 + ll + roundf - 1);
            }
        }
        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>P(D_n &lt;= x) by the Pomeranz recursion.</summary>
    private static double Pomeranz(int n, double x)
    {
        var t = n * x;
        var ll = (int)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilf = f > 0 ? 1 : 0;
        var roundf = f > 0.5 ? 1 : 0;
        var npwrs = 2 * (ll + 1);
        var gpower = new double[npwrs];
        var twogpower = new double[npwrs];
        var onem2gpower = new double[npwrs];
        gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
        var exponent = 0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (var m = 1; m < npwrs; m++)
        {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        var v0 = new double[npwrs];
        var v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0, v1s = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var powers = i == 1 || i == 2 * n + 1 ? gpower : i % 2 == 1 ? twogpower : onem2gpower;
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var convStart = j1 - k1;
                var convLength = j2 - j1 + 1;
                var offset = k1 - v0s;
                // numpy slices stop at the array's end: the same lengths here.
                var aLength = Math.Min(ln2, npwrs - offset);
                var bLength = Math.Min(ln2, npwrs);
                for (var c = 0; c < convLength; c++)
                {
                    // Entry convStart + c of the full convolution of v0[offset..offset+aLength) with powers[..bLength).
                    var idx = convStart + c;
                    var sum = 0.0;
                    for (var a = Math.Max(0, idx - bLength + 1); a <= Math.Min(idx, aLength - 1); a++)
                    {
                        sum += v0[offset + a] * powers[idx - a];
                    }
                    v1[c] = sum;
                }
                var max = 0.0;
                for (var c = 0; c < v1.Length; c++)
                {
                    max = Math.Max(max, v1[c]);
                }
                if (max > 0 && max < ScaleDown)
                {
                    for (var c = 0; c < v1.Length; c++)
                    {
                        v1[c] *= ScaleUp;
                    }
                    exponent -= Scale;
                }
                v1s = v0s + j1 - k1;
            }
        }
        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > ScaleUp)
            {
                answer *= ScaleDown;
                exponent += Scale;
            }
            answer *= m;
        }
        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }
        return Clip(answer);
    }

    /// <summary>Pelz–Good approximation of P(D_n &lt;= x).</summary>
    private static double PelzGood(int n, double x)
    {
        if (x <= 0)
        {
            return 0;
        }
        if (x >= 1)
        {
            return 1;
        }
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var piSquared = Math.PI * Math.PI;
        var piFour = piSquared * piSquared;
        var piSix = piFour * piSquared;
        var qlog = -piSquared / 8 / z2;
        if (qlog < MinLog)
        {
            return 0;
        }
        var q = Math.Exp(qlog);
        var k1a = -z2;
        var k1b = piSquared / 4;
        var k2a = 6 * z6 + 2 * z4;
        var k2b = (2 * z4 - 5 * z2) * piSquared / 4;
        var k2c = piFour * (1 - 2 * z2) / 16;
        var k3d = piSix * (5 - 30 * z2) / 64;
        var k3c = piFour * (-60 * z2 + 212 * z4) / 16;
        var k3b = piSquared * (135 * z4 - 96 * z6) / 4;
        var k3a = -30 * z6 - 90 * Math.Pow(z, 8);
        Span<double> k = stackalloc double[4];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var kk = maxk; kk > 0; kk--)
        {
            double m = 2 * kk - 1;
            double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * kk);
            k[0] = k[0] * qpower + 1.0;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        for (var i = 0; i < 4; i++)
        {
            k[i] *= q;
            k[i] *= sqrt2Pi;
        }
        k[0] /= z;
        k[1] /= 6 * z4;
        k[2] /= 72 * Math.Pow(z, 7);
        k[3] /= 6480 * Math.Pow(z, 10);

        var q2 = Math.Exp(-piSquared / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var kk = maxk; kk > 0; kk--)
        {
            double ksq = (double)kk * kk;
            var qpw = Math.Pow(q2, ksq);
            var kspi = Math.PI * kk;
            k2extra += ksq * qpw;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qpw;
        }
        k[2] += k2extra * piSquared * sqrt2Pi / (-36 * z3);
        k[3] += k3extra * piSquared * sqrt2Pi / (216 * z6);
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += k[i] / Math.Pow(n * 1.0, i / 2.0);
        }
        return sum;
    }

    /// <summary>
    /// One-sided P(D_n⁺ &gt;= x) by the Birnbaum–Tingey sum (all terms positive, summed in log space).
    /// Only called where scipy's cephes uses the same lower sum: x above 1/n and well above 0.5/√n.
    /// </summary>
    private static double Smirnov(int n, double x)
    {
        if (n == 1)
        {
            return 1 - x;
        }
        var nxFloor = Math.Floor(n * x);
        var alpha = Math.FusedMultiplyAdd(n, x, -nxFloor);
        if (alpha >= 1)
        {
            nxFloor += 1;
            alpha = 0;
        }
        var nxfl = (int)nxFloor;
        if (nxfl == 0 || (nxfl == 1 && alpha == 0))
        {
            return 1 - x * Math.Pow(1 + x, n - 1);
        }
        if (-2 * n * x * x < -7.08396418532264106224E2)
        {
            return 0;
        }
        if (nxfl >= n - 1)
        {
            return Math.Pow(1 - x, n);
        }
        var lastTerm = n - nxfl - (alpha == 0 ? 0 : 1);
        if (alpha == 0)
        {
            lastTerm -= 1;
        }
        var logBinomial = 0.0;
        var sum = 0.0;
        for (var v = 0; v <= lastTerm; v++)
        {
            // 1 - x - v/n and x + v/n from the exact split n·x = nxfl + alpha, free of cancellation.
            var below = (n - nxfl - v - alpha) / n;
            var above = (nxfl + v + alpha) / n;
            sum += Math.Exp(logBinomial + (n - v) * Math.Log(below) + (v - 1) * Math.Log(above));
            logBinomial += Math.Log(n - v) - Math.Log(v + 1.0);
        }
        return Clip(x * sum);
    }
}
