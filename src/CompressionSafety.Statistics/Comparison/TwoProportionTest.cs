namespace CompressionSafety.Statistics;

/// <summary>Result of the pooled two-proportion z-test.</summary>
/// <param name="Difference">The difference of rates, <c>x1/n1 - x2/n2</c>.</param>
/// <param name="Z">The z statistic with the pooled standard error.</param>
/// <param name="PValue">The two-sided p-value, <c>2 * (1 - Phi(|z|))</c>.</param>
public sealed record TwoProportionTest(double Difference, double Z, double PValue);
