namespace CompressionSafety.Statistics;

/// <summary>
/// Bins fitted on a reference sample for PSI, JS and Hellinger: inner edges are <c>numpy.quantile(ref, k / B)</c>
/// for k = 1..B-1 (linear interpolation), duplicates removed; a value x falls in bin
/// <c>searchsorted(edges, x, side='right')</c>, so bin i is [e_i, e_{i+1}) and the outer bins are open.
/// </summary>
public sealed class QuantileBins
{
    private const int LinearScanEdges = 16;
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
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        SampleGuard.RequireNonEmpty(reference, nameof(reference));
        var values = reference.ToArray();
        var ranks = new List<int>(2 * bins);
        for (var k = 1; k < bins; k++)
        {
            var (index, _) = VirtualIndex(values.Length, (double)k / bins);
            ranks.Add(index);
            ranks.Add(Math.Min(index + 1, values.Length - 1));
        }

        // Only the order statistics the edges read need to be in place, not a full sort.
        OrderStatistics.Select(values, ranks);
        return FromOrderStatistics(values, bins);
    }

    /// <summary>Fits edges on a reference sample already sorted ascending.</summary>
    /// <param name="sortedReference">Sorted reference sample, non-empty, no NaN.</param>
    /// <param name="bins">Requested number of bins B (at least 1).</param>
    /// <returns>The fitted bins.</returns>
    public static QuantileBins FitSorted(ReadOnlySpan<double> sortedReference, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        SampleGuard.RequireNonEmpty(sortedReference, nameof(sortedReference));
        return FromOrderStatistics(sortedReference, bins);
    }

    private static QuantileBins FromOrderStatistics(ReadOnlySpan<double> values, int bins)
    {
        var edges = new List<double>(bins);
        for (var k = 1; k < bins; k++)
        {
            var e = Quantile(values, (double)k / bins);
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
        if (_edges.Length <= LinearScanEdges)
        {
            // With few edges, counting the edges at or below x has no branch to mispredict, unlike a binary search.
            var edges = _edges;
            foreach (var x in values)
            {
                var bin = 0;
                for (var k = 0; k < edges.Length; k++)
                {
                    bin += edges[k] <= x ? 1 : 0;
                }

                counts[bin]++;
            }

            return counts;
        }

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

    // numpy's 'linear' method: virtual index (n - 1) q; at or past the last index it reads the maximum.
    private static (int Index, double Fraction) VirtualIndex(int n, double q)
    {
        var virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
        {
            return (n - 1, 0.0);
        }

        var previous = Math.Floor(virtualIndex);
        return ((int)previous, virtualIndex - previous);
    }

    // numpy's two-sided lerp, exact at both ends; only ranks index and index + 1 need to be in place.
    private static double Quantile(ReadOnlySpan<double> values, double q)
    {
        var (index, t) = VirtualIndex(values.Length, q);
        if (index == values.Length - 1)
        {
            return values[index];
        }

        var a = values[index];
        var b = values[index + 1];
        var diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
