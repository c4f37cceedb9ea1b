namespace CompressionSafety.Reports;

/// <summary>A compressed variant's reliability curve next to its baseline's, drawn on the same axes.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Compressed variant.</param>
/// <param name="Baseline">Baseline variant name.</param>
/// <param name="VariantCurve">The variant's pooled curve.</param>
/// <param name="BaselineCurve">The baseline's pooled curve, or null when the baseline has no labelled windows with bins.</param>
public sealed record ReliabilityDiagram(string Model, string Variant, string Baseline, ReliabilityCurve VariantCurve, ReliabilityCurve? BaselineCurve);
