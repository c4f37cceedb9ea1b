namespace CompressionSafety.Statistics;

/// <summary>
/// Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, following the same
/// algorithm selection as scipy's <c>kstwo.sf</c> (Simard and L'Ecuyer 2011: Ruben-Gambino closed forms, the
/// Durbin matrix as improved by Marsaglia-Tsang-Wang, Pomeranz's recursion, the Pelz-Good expansion and the exact
/// one-sided Smirnov sum). <c>ks_2samp</c>'s asymptotic path evaluates it at n = round(n1 n2 / (n1 + n2)).
/// </summary>
internal static class KolmogorovDistribution
{
    private const double Scale = 3.4028236692093846e38; // 2^128
    private const double InverseScale = 2.938735877055719e-39; // 2^-128
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>P(D_n &gt;= x).</summary>
    public static double Sf(int n, double x)
    {
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                var factor = 2 * t - 1;
                for (var i = 1; i <= n; i++)
                {
                    prob *= i * (1.0 / n) * factor;
                }
            }
            else
            {
                prob = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }

            return Clip(1.0 - prob);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovSf(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrixCdf(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - PomeranzCdf(n, x));
            }

            return Clip(2 * SmirnovSf(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovSf(n, x));
        }

        double cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrixCdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1.0 - cdf);
    }

    /// <summary>
    /// One-sided Smirnov survival P(D+_n &gt;= x) by the Birnbaum-Tingey sum, whose terms are all positive. Each term
    /// is formed in log space with Stirling's series rearranged so the large n ln n parts cancel analytically.
    /// </summary>
    internal static double SmirnovSf(int n, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        if (x >= 1)
        {
            return 0.0;
        }

        var nd = n * x;
        var last = (int)Math.Floor(n * (1.0 - x));
        var logs = new double[last + 1];
        var max = double.NegativeInfinity;
        var sLogN = StirlingResidual(n);
        var logN = Math.Log(n);
        for (var v = 0; v <= last; v++)
        {
            double term;
            if (v == 0)
            {
                // C(n,0) x x^-1 (1-x)^n: the leading x is applied once at the end.
                term = n * Log1P(-x) - Math.Log(x);
            }
            else
            {
                var rest = n - v;
                var ratio = nd / rest;
                if (ratio >= 1.0)
                {
                    logs[v] = double.NegativeInfinity;
                    continue;
                }

                var logBinomial = 0.5 * (logN - LogTwoPi - Math.Log(v) - Math.Log(rest)) + sLogN - StirlingResidual(v) - StirlingResidual(rest);
                term = logBinomial + v * Log1P(nd / v) - Math.Log(x + (double)v / n) + rest * Log1P(-ratio);
            }

            logs[v] = term;
            max = Math.Max(max, term);
        }

        var sum = 0.0;
        foreach (var l in logs)
        {
            sum += Math.Exp(l - max);
        }

        return Math.Exp(max + Math.Log(sum) + Math.Log(x));
    }

    // ln(1 + z) accurate for small z: the rounding of 1 + z is undone by the ratio z / (u - 1).
    private static double Log1P(double z)
    {
        var u = 1.0 + z;
        return u == 1.0 ? z : Math.Log(u) * z / (u - 1.0);
    }

    // ln k! - (k ln k - k + ln(2 pi k) / 2): exact for small k, the Stirling series beyond.
    private static double StirlingResidual(int k)
    {
        if (k < 20)
        {
            var f = 1.0;
            for (var i = 2; i <= k; i++)
            {
                f *= i;
            }

            return Math.Log(f) - (k * Math.Log(k) - k + 0.5 * (LogTwoPi + Math.Log(k)));
        }

        var r = 1.0 / k;
        var r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
    }

    private static double LogFactorialOverPower(int n)
    {
        var rn = 1.0 / n;
        var z = rn / n;
        var poly = 0.0;
        foreach (var c in StirlingCoefficients)
        {
            poly = poly * z + c;
        }

        return Math.Log(n) / 2 - n + LogTwoPi / 2 + rn * poly;
    }

    private static double DurbinMatrixCdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;
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

        var hm = new double[m * m];
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                hm[r * m + i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            hm[r * m] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            hm[(m - 1) * m + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[i * m + i] = 1.0;
        }

        var nn = n;
        var exponent = 0;
        var hExponent = 0;
        var scratch = new double[m * m];
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                Multiply(power, hm, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += hExponent;
            }

            Multiply(hm, hm, scratch, m);
            (hm, scratch) = (scratch, hm);
            hExponent *= 2;
            if (Math.Abs(hm[(k - 1) * m + (k - 1)]) > Scale)
            {
                for (var i = 0; i < hm.Length; i++)
                {
                    hm[i] /= Scale;
                }

                hExponent += 128;
            }

            nn /= 2;
        }

        var p = power[(k - 1) * m + (k - 1)];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < InverseScale)
            {
                p *= Scale;
                exponent -= 128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i * m + l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i * m + j] += ail * b[l * m + j];
                }
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilf, int roundf)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundf - 1;
                    j2 = half + ll - 1 + ceilf - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundf - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    private static double PomeranzCdf(int n, double x)
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
        var exponent = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilf, roundf);
        var conv = new double[2 * npwrs];
        for (var i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0s, v1s) = (v1s, v0s);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilf, roundf);
            var pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            var ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                var aStart = k1 - v0s;
                var aLength = Math.Min(ln2, npwrs - aStart);
                var bLength = Math.Min(ln2, npwrs);
                var convLengthFull = aLength + bLength - 1;
                Array.Clear(conv, 0, convLengthFull);
                for (var a = 0; a < aLength; a++)
                {
                    var va = v0[aStart + a];
                    for (var b = 0; b < bLength; b++)
                    {
                        conv[a + b] += va * pwrs[b];
                    }
                }

                var convStart = j1 - k1;
                var convLength = j2 - j1 + 1;
                var max = 0.0;
                for (var c = 0; c < convLength && convStart + c < convLengthFull; c++)
                {
                    v1[c] = conv[convStart + c];
                    max = Math.Max(max, v1[c]);
                }

                if (max > 0 && max < InverseScale)
                {
                    for (var c = 0; c < npwrs; c++)
                    {
                        v1[c] *= Scale;
                    }

                    exponent -= 128;
                }

                v1s = v0s + j1 - k1;
            }
        }

        var answer = v1[n - v1s];
        for (var m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Scale)
            {
                answer *= InverseScale;
                exponent += 128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    private static double PelzGoodCdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var piSquared = Math.PI * Math.PI;
        var piFour = piSquared * piSquared;
        var piSix = piFour * piSquared;
        var qlog = -piSquared / 8 / z2;
        if (qlog < -708)
        {
            return 0.0;
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

        Span<double> k = [0, 0, 0, 0];
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var kk = maxk; kk > 0; kk--)
        {
            var m = 2 * kk - 1;
            double m2 = (double)m * m, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * kk);
            k[0] = k[0] * qpower + 1.0;
            k[1] = k[1] * qpower + (k1a + k1b * m2);
            k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
            k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }

        for (var i = 0; i < 4; i++)
        {
            k[i] *= q;
            k[i] *= SqrtTwoPi;
        }

        k[0] /= z;
        k[1] /= 6 * z4;
        k[2] /= 72 * Math.Pow(z, 7);
        k[3] /= 6480 * Math.Pow(z, 10);

        var q2 = Math.Exp(-piSquared / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        var k2extra = 0.0;
        var k3extra = 0.0;
        for (var kk = maxk; kk > 0; kk--)
        {
            var ks2 = (double)kk * kk;
            var qp = Math.Pow(q2, kk * kk);
            k2extra += ks2 * qp;
            var kspi = Math.PI * kk;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }

        k2extra *= piSquared * SqrtTwoPi / (-36 * z3);
        k[2] += k2extra;
        k3extra *= piSquared * SqrtTwoPi / (216 * z6);
        k[3] += k3extra;
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += k[i] / Math.Pow(n, i / 2.0);
        }

        return sum;
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);
}
