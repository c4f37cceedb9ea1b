namespace CompressionSafety.Statistics;

/// <summary>
/// Two-sided two-sample Kolmogorov-Smirnov test, matching <c>scipy.stats.ks_2samp(a, b)</c> with its default
/// <c>method='auto'</c>: exact when max(n1, n2) &lt;= 10000 (and the exact computation succeeds), otherwise the
/// asymptotic <c>kstwo.sf(d, round(n1 n2 / (n1 + n2)))</c>.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The largest sample size for which 'auto' tries the exact distribution (scipy's MAX_AUTO_N).</summary>
    public const int MaxExactSize = 10000;

    /// <summary>Runs the test on two unsorted samples (copied and sorted here).</summary>
    /// <param name="reference">Reference sample, non-empty, no NaN.</param>
    /// <param name="current">Current sample, non-empty, no NaN.</param>
    /// <returns>Statistic, p-value and method.</returns>
    public static KsTestResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var a = reference.ToArray();
        var b = current.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        return TwoSampleSorted(a, b);
    }

    /// <summary>Runs the test on two samples already sorted ascending.</summary>
    /// <param name="reference">Sorted reference sample, non-empty, no NaN.</param>
    /// <param name="current">Sorted current sample, non-empty, no NaN.</param>
    /// <returns>Statistic, p-value and method.</returns>
    public static KsTestResult TwoSampleSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SampleGuard.RequireNonEmpty(reference, nameof(reference));
        SampleGuard.RequireNonEmpty(current, nameof(current));
        var n1 = reference.Length;
        var n2 = current.Length;
        var d = Statistic(reference, current);

        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = (long)(n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var dExact = (double)h / lcm;
            if (h == 0)
            {
                return new KsTestResult(dExact, 1.0, KsMethod.Exact);
            }

            var prob = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutsideInsideMethod(n1, n2, g, h);
            if (prob is >= 0 and <= 1)
            {
                return new KsTestResult(dExact, prob, KsMethod.Exact);
            }

            d = dExact;
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        var p = KolmogorovDistribution.Sf((int)Math.Round(en, MidpointRounding.ToEven), d);
        return new KsTestResult(d, Math.Clamp(p, 0.0, 1.0), KsMethod.Asymptotic);
    }

    // max over all pooled values of |F1 - F2|, each CDF formed as count / n as scipy does.
    private static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        double n1 = a.Length, n2 = b.Length;
        var maxDiff = 0.0;
        var minDiff = 0.0;
        while (i < a.Length || j < b.Length)
        {
            var x = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            var diff = (i / n1) - (j / n2);
            maxDiff = Math.Max(maxDiff, diff);
            minDiff = Math.Min(minDiff, diff);
        }

        return Math.Max(Math.Min(-minDiff, 1.0), maxDiff);
    }

    // Equal sizes: 2 (A0 (1 - A1 (1 - A2 (...)))) with Ai ratios of binomials, evaluated Horner-like.
    private static double ProbabilityOutsideSquare(int n, long h)
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

    // Hodges' inside method, with Viehmann's recursion that carries 1 - p so no large binomial is ever divided.
    private static double ProbabilityOutsideInsideMethod(int m, int n, int g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;
        var minj = 0;
        var maxj = (int)Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        Array.Fill(a, 0.0, minj, maxj - minj);
        for (var i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = (int)Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = (int)Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (var jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                Array.Fill(a, 1.0, maxj - minj, Math.Min(lastlen - curlen, lenA - (maxj - minj)));
            }
        }

        return a[maxj - minj - 1];
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
