namespace CompressionSafety.Statistics;

/// <summary>
/// Divergences between two discrete distributions given over the same bins or categories.
/// </summary>
public static class Divergence
{
    /// <summary>The proportion floor used by <see cref="Psi"/> unless told otherwise.</summary>
    public const double DefaultPsiEpsilon = 1e-4;

    /// <summary>
    /// Population stability index: sum over bins of (cur - ref) * ln(cur / ref), natural log, with each
    /// proportion first floored at <paramref name="epsilon"/> (no renormalisation afterwards).
    /// </summary>
    /// <param name="referenceProportions">Reference proportions per bin.</param>
    /// <param name="currentProportions">Current proportions per bin, same length.</param>
    /// <param name="epsilon">Floor applied to every proportion so empty bins stay finite.</param>
    /// <returns>The PSI, 0 for identical inputs and never negative.</returns>
    public static double Psi(ReadOnlySpan<double> referenceProportions, ReadOnlySpan<double> currentProportions, double epsilon = DefaultPsiEpsilon)
    {
        RequireSameLength(referenceProportions, currentProportions);
        var sum = 0.0;
        for (var i = 0; i < referenceProportions.Length; i++)
        {
            var r = Math.Max(referenceProportions[i], epsilon);
            var c = Math.Max(currentProportions[i], epsilon);
            sum += (c - r) * Math.Log(c / r);
        }

        return sum;
    }

    /// <summary>
    /// Jensen-Shannon distance as <c>scipy.spatial.distance.jensenshannon(p, q, base)</c>: p and q are normalised
    /// to sum 1, then sqrt((KL(p||m) + KL(q||m)) / 2) with m = (p + q) / 2 and logarithms in <paramref name="logBase"/>.
    /// </summary>
    /// <param name="p">First distribution (counts or proportions, non-negative).</param>
    /// <param name="q">Second distribution, same length.</param>
    /// <param name="logBase">Logarithm base; 2 bounds the distance by 1.</param>
    /// <returns>The distance, or NaN when either input sums to 0.</returns>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double logBase = 2)
    {
        RequireSameLength(p, q);
        var sp = Sum(p);
        var sq = Sum(q);
        if (!(sp > 0) || !(sq > 0))
        {
            return double.NaN;
        }

        var left = 0.0;
        var right = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var pi = p[i] / sp;
            var qi = q[i] / sq;
            var m = (pi + qi) / 2.0;
            left += RelativeEntropyTerm(pi, m);
            right += RelativeEntropyTerm(qi, m);
        }

        var js = (left + right) / Math.Log(logBase);
        return Math.Sqrt(Math.Max(js / 2.0, 0.0));
    }

    /// <summary>
    /// Hellinger distance H = sqrt(1 - sum_i sqrt(p_i q_i)) after normalising p and q to sum 1; it lies in [0, 1].
    /// Computed as the algebraically identical sqrt(sum_i (sqrt p_i - sqrt q_i)^2 / 2), which avoids cancellation
    /// when the distributions are close.
    /// </summary>
    /// <param name="p">First distribution (counts or proportions, non-negative).</param>
    /// <param name="q">Second distribution, same length.</param>
    /// <returns>The distance, or NaN when either input sums to 0.</returns>
    public static double Hellinger(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        RequireSameLength(p, q);
        var sp = Sum(p);
        var sq = Sum(q);
        if (!(sp > 0) || !(sq > 0))
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var d = Math.Sqrt(p[i] / sp) - Math.Sqrt(q[i] / sq);
            sum += d * d;
        }

        return Math.Min(Math.Sqrt(sum / 2.0), 1.0);
    }

    /// <summary>Counts divided by their total; all zeros when the total is 0.</summary>
    /// <param name="counts">Non-negative counts per bin.</param>
    /// <returns>A new array of proportions.</returns>
    public static double[] ToProportions(ReadOnlySpan<long> counts)
    {
        var total = 0L;
        foreach (var c in counts)
        {
            total += c;
        }

        var result = new double[counts.Length];
        if (total == 0)
        {
            return result;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            result[i] = (double)counts[i] / total;
        }

        return result;
    }

    // scipy.special.rel_entr: x ln(x / y), 0 when x is 0.
    private static double RelativeEntropyTerm(double x, double y) => x > 0 ? x * Math.Log(x / y) : 0.0;

    private static double Sum(ReadOnlySpan<double> values)
    {
        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }

    private static void RequireSameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Both distributions need the same number of bins ({a.Length} vs {b.Length}).");
        }
    }
}
