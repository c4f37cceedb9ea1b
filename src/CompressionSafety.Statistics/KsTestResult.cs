namespace CompressionSafety.Statistics;

/// <summary>A two-sided two-sample Kolmogorov-Smirnov test result.</summary>
/// <param name="Statistic">sup |F_ref - F_cur|; on the exact path it is h / lcm(n1, n2) as scipy reports it.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Method">Which computation produced the p-value.</param>
public sealed record KsTestResult(double Statistic, double PValue, KsMethod Method)
{
    /// <summary>scipy's name for the method: <c>exact</c> or <c>asymp</c>.</summary>
    public string MethodName => Method == KsMethod.Exact ? "exact" : "asymp";
}
