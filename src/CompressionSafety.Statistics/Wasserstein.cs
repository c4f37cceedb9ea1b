namespace CompressionSafety.Statistics;

/// <summary>First Wasserstein (earth mover's) distance between two samples, as <c>scipy.stats.wasserstein_distance(u, v)</c>.</summary>
public static class Wasserstein
{
    /// <summary>Distance between two unsorted samples (copied and sorted here).</summary>
    /// <param name="u">First sample, non-empty, no NaN.</param>
    /// <param name="v">Second sample, non-empty, no NaN.</param>
    /// <returns>The integral of |F_u - F_v| over the real line.</returns>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var a = u.ToArray();
        var b = v.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        return DistanceSorted(a, b);
    }

    /// <summary>Distance between two samples already sorted ascending.</summary>
    /// <param name="u">First sorted sample, non-empty, no NaN.</param>
    /// <param name="v">Second sorted sample, non-empty, no NaN.</param>
    /// <returns>The integral of |F_u - F_v| over the real line.</returns>
    public static double DistanceSorted(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        SampleGuard.RequireNonEmpty(u, nameof(u));
        SampleGuard.RequireNonEmpty(v, nameof(v));
        double nu = u.Length, nv = v.Length;
        int i = 0, j = 0;
        var sum = 0.0;
        // Walk the pooled sorted values; between consecutive pooled values both CDFs are constant.
        var previous = Math.Min(u[0], v[0]);
        while (i < u.Length || j < v.Length)
        {
            var x = j >= v.Length || (i < u.Length && u[i] <= v[j]) ? u[i] : v[j];
            sum += Math.Abs((i / nu) - (j / nv)) * (x - previous);
            previous = x;
            while (i < u.Length && u[i] <= x)
            {
                i++;
            }

            while (j < v.Length && v[j] <= x)
            {
                j++;
            }
        }

        return sum;
    }
}
