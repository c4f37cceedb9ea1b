namespace CompressionSafety.Statistics;

/// <summary>
/// Bins fitted on a reference sample for PSI, JS and Hellinger: inner edges are <c>numpy.quantile(ref, k / B)</c>
/// for k = 1..B-1 (linear interpolation), duplicates removed; a value x falls in bin
/// <c>searchsorted(edges, x, side='right')</c>, so bin i is [e_i, e_{i+1}) and the outer bins are open.
/// </summary>
public sealed class QuantileBins
{
    private readonly double[] _edges;

    private QuantileBins(double[] edges) => _edges = edges;

    /// <summary>The distinct inner edges, ascending.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>Number of bins (distinct inner edges + 1); fewer than requested when the reference has ties.</summary>
    public int Count => _edges.Length + 1;

    /// <summary>Fits edges on a reference sample.</summary>
    /// <param name="reference">Reference sample, non-empty, no NaN.</param>
    /// <param name="bins">Requested number of bins B (at least 1).</param>
    /// <returns>The fitted bins.</returns>
    public static QuantileBins Fit(ReadOnlySpan<double> reference, int bins)
    {
        var sorted = reference.ToArray();
        Array.Sort(sorted);
        return FitSorted(sorted, bins);
    }

    /// <summary>Fits edges on a reference sample already sorted ascending.</summary>
    /// <param name="sortedReference">Sorted reference sample, non-empty, no NaN.</param>
    /// <param name="bins">Requested number of bins B (at least 1).</param>
    /// <returns>The fitted bins.</returns>
    public static QuantileBins FitSorted(ReadOnlySpan<double> sortedReference, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        SampleGuard.RequireNonEmpty(sortedReference, nameof(sortedReference));
        var edges = new List<double>(bins);
        for (var k = 1; k < bins; k++)
        {
            var e = Quantile(sortedReference, (double)k / bins);
            if (edges.Count == 0 || e != edges[^1])
            {
                edges.Add(e);
            }
        }

        return new QuantileBins([.. edges]);
    }

    /// <summary>Counts how many values fall in each bin.</summary>
    /// <param name="values">Values to bin (any order).</param>
    /// <returns>One count per bin.</returns>
    public long[] CountValues(ReadOnlySpan<double> values)
    {
        var counts = new long[Count];
        foreach (var x in values)
        {
            counts[BinOf(x)]++;
        }

        return counts;
    }

    /// <summary>The bin index of one value: the number of edges less than or equal to it.</summary>
    /// <param name="x">The value.</param>
    /// <returns>A bin index in [0, Count).</returns>
    public int BinOf(double x)
    {
        int lo = 0, hi = _edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // numpy's 'linear' method: virtual index (n - 1) q, and its two-sided lerp that is exact at both ends.
    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var n = sorted.Length;
        var virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        var previous = Math.Floor(virtualIndex);
        var index = (int)previous;
        var a = sorted[index];
        var b = sorted[index + 1];
        var t = virtualIndex - previous;
        var diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
