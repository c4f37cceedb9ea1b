namespace CompressionSafety.Statistics;

/// <summary>Drift between a reference and a current categorical sample.</summary>
/// <param name="ReferenceCount">Size of the reference sample.</param>
/// <param name="CurrentCount">Size of the current sample.</param>
/// <param name="Categories">The categories seen in either sample, in ordinal order.</param>
/// <param name="ChiSquare">Chi-square homogeneity test on the 2 x K table (no continuity correction).</param>
/// <param name="Psi">Population stability index over categories (natural log, floored proportions).</param>
/// <param name="Epsilon">Floor applied to the proportions for PSI.</param>
/// <param name="JensenShannon">Jensen-Shannon distance, base 2, over categories.</param>
public sealed record CategoricalDriftResult(
    int ReferenceCount,
    int CurrentCount,
    IReadOnlyList<string> Categories,
    ChiSquareResult ChiSquare,
    double Psi,
    double Epsilon,
    double JensenShannon);
