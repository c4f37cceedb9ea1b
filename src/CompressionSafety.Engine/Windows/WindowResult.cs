namespace CompressionSafety.Engine.Windows;

/// <summary>The statistics of one closed window for one key. Metric names are listed in <c>docs/metrics.md</c>.</summary>
/// <param name="Key">Model, variant and slice.</param>
/// <param name="Kind">Traffic or labels phase.</param>
/// <param name="WindowStart">Inclusive start (aligned to the epoch).</param>
/// <param name="WindowEnd">Exclusive end.</param>
/// <param name="Count">Records in the window for this key (for the labels phase: labelled records).</param>
/// <param name="Metrics">Metric name to value; a metric without data is absent rather than NaN.</param>
/// <param name="References">Comparisons with each reference available for this key.</param>
/// <param name="Histograms">Named histograms: traffic <c>positive_probability</c> and <c>latency_ms</c>, labels <c>reliability</c> (docs/outputs.md).</param>
public sealed record WindowResult(
    WindowKey Key,
    WindowKind Kind,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Count,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ReferenceComparison> References,
    IReadOnlyDictionary<string, Histogram> Histograms)
{
    /// <summary>
    /// Earliest event time of the records counted in this result (for the labels phase: of the labelled predictions);
    /// null when none was counted.
    /// </summary>
    public DateTimeOffset? FirstEventTime { get; init; }

    /// <summary>Latest event time of the records counted in this result; null when none was counted.</summary>
    public DateTimeOffset? LastEventTime { get; init; }
}
