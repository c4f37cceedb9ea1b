namespace CompressionSafety.Reports;

/// <summary>A variant's serving latency over the period and, with an evaluation, its model file size.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant name.</param>
/// <param name="Windows">Traffic windows (slice <c>all</c>) with latency.</param>
/// <param name="LatencyCount">Records that reported latency, summed over those windows.</param>
/// <param name="Pooling">
/// How the percentiles were found: <see cref="HistogramPooling"/> (from the windows' summed <c>histograms.latency_ms</c>)
/// or <see cref="MeanPooling"/> (when a window lacks that histogram).
/// </param>
/// <param name="P50">The period's median latency (ms), by <paramref name="Pooling"/>.</param>
/// <param name="P95">The period's 95th percentile latency (ms).</param>
/// <param name="P99">The period's 99th percentile latency (ms).</param>
/// <param name="MaxWindowP99">The largest window <c>latency_p99_ms</c>, an upper bound for the period's p99.</param>
/// <param name="ModelBytes">The model file size from <c>evaluation.json</c> (<c>file_bytes</c>), or null when not evaluated.</param>
public sealed record ResourceFigures(
    string Model,
    string Variant,
    long Windows,
    long LatencyCount,
    string Pooling,
    double P50,
    double P95,
    double P99,
    double MaxWindowP99,
    long? ModelBytes)
{
    /// <summary>Percentiles read from the pooled latency histogram, within one bin ratio of the period's percentile.</summary>
    public const string HistogramPooling = "histogram";

    /// <summary>The fallback for windows without a latency histogram: an approximation, not a percentile of the period.</summary>
    public const string MeanPooling = "count-weighted mean of window percentiles";
}
