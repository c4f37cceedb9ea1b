namespace CompressionSafety.Statistics;

/// <summary>
/// Puts chosen order statistics in place without sorting everything (as numpy's <c>partition</c> does for
/// <c>quantile</c>): a multi-target quickselect with three-way partitioning, so heavy ties cost nothing, and a
/// full sort of a segment as the fallback when the pivots go badly.
/// </summary>
internal static class OrderStatistics
{
    /// <summary>Reorders <paramref name="values"/> so that each index in <paramref name="ranks"/> holds the value a full sort would put there.</summary>
    public static void Select(double[] values, IReadOnlyList<int> ranks)
    {
        var wanted = ranks.Distinct().Order().ToArray();
        var depthLimit = 2 * (int)Math.Log2(Math.Max(values.Length, 2)) + 8;
        Select(values, 0, values.Length - 1, wanted, 0, wanted.Length, depthLimit);
    }

    private static void Select(double[] a, int lo, int hi, int[] wanted, int wLo, int wHi, int depth)
    {
        while (lo < hi && wLo < wHi)
        {
            if (depth-- == 0 || hi - lo < 32)
            {
                Array.Sort(a, lo, hi - lo + 1);
                return;
            }

            var pivot = MedianOfThree(a[lo], a[lo + ((hi - lo) >> 1)], a[hi]);
            // Three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                var x = a[i];
                if (x < pivot)
                {
                    (a[lt], a[i]) = (a[i], a[lt]);
                    lt++;
                    i++;
                }
                else if (x > pivot)
                {
                    (a[gt], a[i]) = (a[i], a[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            var leftEnd = LowerBound(wanted, wLo, wHi, lt);
            var rightStart = LowerBound(wanted, leftEnd, wHi, gt + 1);
            // Recurse into the smaller side of the wanted ranks, loop on the other.
            Select(a, lo, lt - 1, wanted, wLo, leftEnd, depth);
            lo = gt + 1;
            wLo = rightStart;
        }
    }

    private static int LowerBound(int[] sorted, int from, int to, int value)
    {
        while (from < to && sorted[from] < value)
        {
            from++;
        }

        return from;
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
