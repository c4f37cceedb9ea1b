namespace CompressionSafety.Evaluation.Running;

/// <summary>
/// A Compression Identified Exemplar: a case where the variant's label differs from the baseline's, kept for
/// human review. Rank 1 is the most urgent.
/// </summary>
/// <param name="Rank">1-based rank: new unsafe misses first, then other new errors, then fixes; larger score shifts first.</param>
/// <param name="Id">Case id.</param>
/// <param name="Line">Line in the suite.</param>
/// <param name="Expected">Expected label.</param>
/// <param name="BaselineLabel">Baseline's label.</param>
/// <param name="VariantLabel">Variant's label.</param>
/// <param name="BaselineScore">Baseline's safety-positive probability.</param>
/// <param name="VariantScore">Variant's safety-positive probability.</param>
/// <param name="Tags">The case's tags.</param>
/// <param name="Slices">The case's segments.</param>
public sealed record CompressionExemplar(
    int Rank,
    string Id,
    int Line,
    string Expected,
    string BaselineLabel,
    string VariantLabel,
    double BaselineScore,
    double VariantScore,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Slices);
