namespace CompressionSafety.Reports;

/// <summary>A Compression Identified Exemplar from <c>evaluation.json</c>, kept as its JSON text for review.</summary>
/// <param name="Variant">Variant it was found for.</param>
/// <param name="Json">The exemplar object as written by the evaluation.</param>
public sealed record Exemplar(string Variant, string Json);
