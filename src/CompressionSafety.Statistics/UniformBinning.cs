namespace CompressionSafety.Statistics;

/// <summary>Equal-width bins over [0, 1] with numpy's edge arithmetic, so edge values land where scikit-learn puts them.</summary>
internal static class UniformBinning
{
    /// <summary>The B - 1 inner edges of <c>numpy.linspace(0, 1, B + 1)</c>, which computes edge k as k * (1 / B).</summary>
    public static double[] InnerEdges(int bins)
    {
        var step = 1.0 / bins;
        var edges = new double[bins - 1];
        for (var k = 1; k < bins; k++)
        {
            edges[k - 1] = k * step;
        }

        return edges;
    }

    /// <summary>
    /// <c>searchsorted(innerEdges, p, side='left')</c>: the number of inner edges strictly below p.
    /// </summary>
    public static int BinOf(double[] innerEdges, double p)
    {
        var bins = innerEdges.Length + 1;
        // A guess from arithmetic is off by at most one next to an edge; the comparisons settle it exactly.
        var b = (int)Math.Ceiling(p * bins) - 1;
        b = Math.Clamp(b, 0, bins - 1);
        while (b > 0 && innerEdges[b - 1] >= p)
        {
            b--;
        }

        while (b < bins - 1 && innerEdges[b] < p)
        {
            b++;
        }

        return b;
    }
}
