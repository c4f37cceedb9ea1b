namespace CompressionSafety.Statistics;

/// <summary>Intervals and tests for one rate and for the difference of two independent rates.</summary>
public static class Proportions
{
    /// <summary>The two-sided 95% normal quantile, <c>scipy.stats.norm.ppf(0.975)</c>.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval for a rate, as statsmodels <c>proportion_confint(method='wilson')</c>; the ends are
    /// exactly 0 with no successes and 1 with all successes, and otherwise clamped to [0, 1].
    /// </summary>
    /// <param name="successes">Number of successes, <c>0 &lt;= successes &lt;= trials</c>.</param>
    /// <param name="trials">Number of trials; with 0 the interval is (0, 1).</param>
    /// <param name="z">The normal quantile; the default gives a 95% interval.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or successes exceed trials.</exception>
    public static Interval Wilson(long successes, long trials, double z = Z95)
    {
        CheckCounts(successes, trials);
        if (trials == 0)
        {
            return new Interval(0.0, 1.0);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1.0 + (z2 / n);
        var center = (p + (z2 / (2.0 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1.0 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        // The ends are exactly 0 with no successes and 1 with all; rounding would otherwise leave them 1e-17 off.
        var low = successes == 0 ? 0.0 : Math.Max(0.0, center - half);
        var high = successes == trials ? 1.0 : Math.Min(1.0, center + half);
        return new Interval(low, high);
    }

    /// <summary>
    /// Newcombe's hybrid score 95% interval for <c>successes1/trials1 - successes2/trials2</c>, built from the two
    /// Wilson intervals, as statsmodels <c>confint_proportions_2indep(..., method='newcomb', compare='diff')</c>.
    /// </summary>
    /// <param name="successes1">Successes of the first sample.</param>
    /// <param name="trials1">Trials of the first sample.</param>
    /// <param name="successes2">Successes of the second sample.</param>
    /// <param name="trials2">Trials of the second sample.</param>
    /// <returns>The interval; (-1, 1) when either sample is empty, since nothing is known then.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or successes exceed trials.</exception>
    public static Interval NewcombeDifference(long successes1, long trials1, long successes2, long trials2)
    {
        CheckCounts(successes1, trials1);
        CheckCounts(successes2, trials2);
        if (trials1 == 0 || trials2 == 0)
        {
            return new Interval(-1.0, 1.0);
        }

        var p1 = (double)successes1 / trials1;
        var p2 = (double)successes2 / trials2;
        var w1 = Wilson(successes1, trials1);
        var w2 = Wilson(successes2, trials2);
        var difference = p1 - p2;
        var below = Math.Sqrt(Square(p1 - w1.Low) + Square(w2.High - p2));
        var above = Math.Sqrt(Square(p2 - w2.Low) + Square(w1.High - p1));
        return new Interval(difference - below, difference + above);
    }

    /// <summary>
    /// Two-sided z-test of equal rates with the pooled standard error
    /// <c>sqrt(p (1 - p) (1/n1 + 1/n2))</c>, <c>p = (x1 + x2) / (n1 + n2)</c>, as statsmodels
    /// <c>proportions_ztest([x1, x2], [n1, n2])</c> computes it.
    /// </summary>
    /// <param name="x1">Successes of the first sample.</param>
    /// <param name="n1">Trials of the first sample.</param>
    /// <param name="x2">Successes of the second sample.</param>
    /// <param name="n2">Trials of the second sample.</param>
    /// <returns>
    /// The difference <c>x1/n1 - x2/n2</c>, z and the p-value. Where the test is undefined (an empty sample, or a
    /// pooled rate of exactly 0 or 1, where statsmodels returns NaN) the result is difference 0 for an empty sample,
    /// z = 0 and p = 1: there is no evidence of a difference.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or successes exceed trials.</exception>
    public static TwoProportionTest TwoProportionZTest(long x1, long n1, long x2, long n2)
    {
        CheckCounts(x1, n1);
        CheckCounts(x2, n2);
        if (n1 == 0 || n2 == 0)
        {
            return new TwoProportionTest(0.0, 0.0, 1.0);
        }

        var p1 = (double)x1 / n1;
        var p2 = (double)x2 / n2;
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var variance = pooled * (1.0 - pooled) * ((1.0 / n1) + (1.0 / n2));
        var difference = p1 - p2;
        if (variance <= 0.0)
        {
            return new TwoProportionTest(difference, 0.0, 1.0);
        }

        var z = difference / Math.Sqrt(variance);
        return new TwoProportionTest(difference, z, NormalTail.TwoSided(z));
    }

    private static double Square(double x) => x * x;

    private static void CheckCounts(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
    }
}
