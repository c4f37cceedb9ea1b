namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Fixed log-spaced bins over [0, +inf): bin 0 is the underflow [0, <see cref="FirstEdge"/>), bins 1 to
/// <see cref="Bins"/> − 2 are [e(i − 1), e(i)) with e(k) = <see cref="FirstEdge"/> × 2^(k / <see cref="BinsPerDoubling"/>),
/// and the last bin is the overflow [e(Bins − 2), +inf). The edges depend only on these three numbers, never on the
/// data, so the counts of any number of windows and keys add up exactly (docs/outputs.md, <c>histograms.latency_ms</c>).
/// </summary>
/// <param name="FirstEdge">The lowest finite edge, greater than 0.</param>
/// <param name="BinsPerDoubling">Bins per factor of two; the ratio of a bin's edges is 2^(1 / this).</param>
/// <param name="Bins">Number of bins, underflow and overflow included (at least 3).</param>
public sealed record LogBinning(double FirstEdge, int BinsPerDoubling, int Bins)
{
    /// <summary>
    /// The latency bins: 0.1 ms to 0.1 × 2^20 ms (about 105 s), 8 bins per doubling (ratio 2^(1/8), about 9.05 %),
    /// 160 log bins plus underflow and overflow.
    /// </summary>
    public static LogBinning Latency { get; } = new(0.1, 8, 162);

    private double[]? _edges;

    /// <summary>The ratio of a log bin's upper to its lower edge, 2^(1 / <see cref="BinsPerDoubling"/>).</summary>
    public double Ratio => Math.Pow(2, 1.0 / BinsPerDoubling);

    /// <summary>
    /// All bin edges, ascending: 0, the finite edges e(0) … e(Bins − 2), then +inf, so
    /// <c>Edges.Count == Bins + 1</c> like every <see cref="Histogram"/>.
    /// </summary>
    public IReadOnlyList<double> Edges => _edges ??= MakeEdges();

    /// <summary>Whether the three numbers describe usable bins.</summary>
    public bool IsValid => FirstEdge > 0 && double.IsFinite(FirstEdge) && BinsPerDoubling > 0 && Bins >= 3;

    /// <summary>
    /// The bin of <paramref name="value"/>: the i with Edges[i] ≤ value &lt; Edges[i + 1], judged against the edges
    /// as stored, so a value equal to an edge lands in the bin that starts there. Values below 0 or NaN count as
    /// underflow.
    /// </summary>
    public int BinOf(double value)
    {
        var edges = Edges;
        if (!(value >= FirstEdge))
        {
            return 0;
        }

        if (value >= edges[Bins - 1])
        {
            return Bins - 1;
        }

        // The logarithm gets within one bin; comparing with the stored edges settles the boundaries exactly.
        var bin = Math.Clamp((int)Math.Floor(Math.Log2(value / FirstEdge) * BinsPerDoubling) + 1, 1, Bins - 2);
        while (bin > 1 && value < edges[bin])
        {
            bin--;
        }

        while (bin < Bins - 2 && value >= edges[bin + 1])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>Equality by the three numbers that define the bins (the edge cache is not part of it).</summary>
    public bool Equals(LogBinning? other) =>
        other is not null && FirstEdge.Equals(other.FirstEdge) && BinsPerDoubling == other.BinsPerDoubling && Bins == other.Bins;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FirstEdge, BinsPerDoubling, Bins);

    private double[] MakeEdges()
    {
        var edges = new double[Bins + 1];
        for (var k = 0; k <= Bins - 2; k++)
        {
            edges[k + 1] = FirstEdge * Math.Pow(2, (double)k / BinsPerDoubling);
        }

        edges[Bins] = double.PositiveInfinity;
        return edges;
    }
}
