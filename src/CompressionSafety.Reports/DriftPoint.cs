namespace CompressionSafety.Reports;

/// <summary>One traffic window's drift of a compressed variant's safety-positive probability against its baseline (slice <c>all</c>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Compressed variant.</param>
/// <param name="WindowStart">Window start.</param>
/// <param name="Psi">
/// <c>positive_probability_psi</c> under <c>reference.baseline</c> (10 equal-width bins, proportions floored at 1e-4,
/// natural log; docs/metrics.md).
/// </param>
/// <param name="Count">Records of the variant in the window.</param>
public sealed record DriftPoint(string Model, string Variant, DateTimeOffset WindowStart, double Psi, long Count);
