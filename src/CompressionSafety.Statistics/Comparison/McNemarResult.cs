namespace CompressionSafety.Statistics;

/// <summary>Result of McNemar's test on paired correctness.</summary>
/// <param name="B">Discordant pairs where the baseline is right and the variant wrong.</param>
/// <param name="C">Discordant pairs where the variant is right and the baseline wrong.</param>
/// <param name="PValueExact">Exact two-sided p-value, <c>min(1, 2 * BinomCDF(min(b, c); b + c, 1/2))</c>; 1 when <c>b + c = 0</c>.</param>
/// <param name="StatisticChi2">Continuity-corrected statistic <c>(|b - c| - 1)^2 / (b + c)</c>; 0 when <c>b + c = 0</c>.</param>
/// <param name="PValueChi2">Upper tail of the chi-square distribution with one degree of freedom at <see cref="StatisticChi2"/>.</param>
public sealed record McNemarResult(long B, long C, double PValueExact, double StatisticChi2, double PValueChi2);
