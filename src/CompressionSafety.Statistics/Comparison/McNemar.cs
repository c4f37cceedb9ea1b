using MathNet.Numerics;

namespace CompressionSafety.Statistics;

/// <summary>McNemar's test for paired correctness of a baseline and a compressed variant on the same events.</summary>
public static class McNemar
{
    /// <summary>
    /// Tests whether the two discordant counts differ. The exact form is the two-sided binomial test at 1/2; the
    /// chi-square form uses Edwards' continuity correction <c>(|b - c| - 1)^2 / (b + c)</c> without clamping at zero,
    /// as statsmodels <c>mcnemar(table, exact=False, correction=True)</c> does.
    /// </summary>
    /// <param name="b">Pairs where the baseline is right and the variant wrong.</param>
    /// <param name="c">Pairs where the variant is right and the baseline wrong.</param>
    /// <returns>The counts, the exact p-value, the chi-square statistic and its p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static McNemarResult Test(long b, long c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        var n = b + c;
        if (n == 0)
        {
            return new McNemarResult(b, c, 1.0, 0.0, 1.0);
        }

        // BinomCDF(k; n, 1/2) = I_{1/2}(n - k, k + 1); k = min(b, c) < n here, and doubles keep counts beyond int range.
        var k = Math.Min(b, c);
        var exact = Math.Min(1.0, 2.0 * SpecialFunctions.BetaRegularized(n - k, k + 1.0, 0.5));
        var gap = Math.Abs(b - c) - 1.0;
        var statistic = gap * gap / n;
        return new McNemarResult(b, c, exact, statistic, NormalTail.ChiSquare1Survival(statistic));
    }
}
