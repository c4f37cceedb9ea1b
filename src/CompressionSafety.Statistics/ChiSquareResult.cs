namespace CompressionSafety.Statistics;

/// <summary>A Pearson chi-square test result.</summary>
/// <param name="Statistic">The chi-square statistic.</param>
/// <param name="PValue">Upper-tail probability of the statistic.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom.</param>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);
