namespace CompressionSafety.Reports;

/// <summary>One variant's reliability curve over the report period (slice <c>all</c>, labelled windows).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant name.</param>
/// <param name="Windows">Labelled windows pooled.</param>
/// <param name="Count">Labelled predictions with a probability (sum of the bins).</param>
/// <param name="Ece">Expected calibration error of the pooled bins: sum over non-empty bins of n_b / N times |observed frequency - mean probability|; NaN when empty.</param>
/// <param name="Bins">The pooled bins, empty ones included.</param>
public sealed record ReliabilityCurve(string Model, string Variant, long Windows, long Count, double Ece, IReadOnlyList<ReliabilityBin> Bins);
