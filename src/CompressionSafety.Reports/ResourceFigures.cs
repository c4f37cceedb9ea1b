namespace CompressionSafety.Reports;

/// <summary>A variant's serving latency over the period and, with an evaluation, its model file size.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant name.</param>
/// <param name="Windows">Traffic windows (slice <c>all</c>) with latency.</param>
/// <param name="LatencyCount">Records that reported latency, summed over those windows.</param>
/// <param name="P50">Count-weighted mean of the windows' <c>latency_p50_ms</c> (not a pooled quantile: the windows keep no sketch).</param>
/// <param name="P95">Count-weighted mean of the windows' <c>latency_p95_ms</c>.</param>
/// <param name="P99">Count-weighted mean of the windows' <c>latency_p99_ms</c>.</param>
/// <param name="MaxWindowP99">The largest window <c>latency_p99_ms</c>, an upper bound for the period's p99.</param>
/// <param name="ModelBytes">The model file size from <c>evaluation.json</c> (<c>file_bytes</c>), or null when not evaluated.</param>
public sealed record ResourceFigures(
    string Model,
    string Variant,
    long Windows,
    long LatencyCount,
    double P50,
    double P95,
    double P99,
    double MaxWindowP99,
    long? ModelBytes);
