namespace CompressionSafety.Engine.Windows;

/// <summary>A histogram as written to outputs: <c>Edges.Count == Counts.Count + 1</c>.</summary>
/// <param name="Edges">Bin edges, ascending.</param>
/// <param name="Counts">Count per bin.</param>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts)
{
    /// <summary>
    /// For a reliability histogram: the sum of the predicted safety-positive probability per bin, so pooled means
    /// are exact sums rather than averages of averages; null for other histograms.
    /// </summary>
    public IReadOnlyList<double>? ProbabilitySums { get; init; }

    /// <summary>For a reliability histogram: the number of safety-positive labels per bin; null for other histograms.</summary>
    public IReadOnlyList<long>? Positives { get; init; }

    /// <summary>
    /// For a histogram on fixed log-spaced bins (<c>latency_ms</c>): the rule its <see cref="Edges"/> follow. Such a
    /// histogram is written sparse, as the rule and its non-zero counts by bin index; null for other histograms.
    /// </summary>
    public LogBinning? Binning { get; init; }
}
