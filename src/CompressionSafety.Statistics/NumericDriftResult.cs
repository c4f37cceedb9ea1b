namespace CompressionSafety.Statistics;

/// <summary>Drift between a reference and a current numeric sample.</summary>
/// <param name="ReferenceCount">Size of the reference sample.</param>
/// <param name="CurrentCount">Size of the current sample.</param>
/// <param name="Ks">Two-sided two-sample Kolmogorov-Smirnov test.</param>
/// <param name="Psi">Population stability index over the reference quantile bins (natural log, floored proportions).</param>
/// <param name="Bins">Number of bins actually used (duplicate quantile edges removed).</param>
/// <param name="Epsilon">Floor applied to the proportions for PSI.</param>
/// <param name="JensenShannon">Jensen-Shannon distance, base 2, on the raw proportions of the same bins.</param>
/// <param name="Wasserstein">First Wasserstein distance between the samples themselves.</param>
/// <param name="Hellinger">Hellinger distance sqrt(1 - sum sqrt(p q)) over the same bins.</param>
public sealed record NumericDriftResult(
    int ReferenceCount,
    int CurrentCount,
    KsTestResult Ks,
    double Psi,
    int Bins,
    double Epsilon,
    double JensenShannon,
    double Wasserstein,
    double Hellinger);
