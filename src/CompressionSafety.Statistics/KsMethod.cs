namespace CompressionSafety.Statistics;

/// <summary>How a two-sample Kolmogorov-Smirnov p-value was computed (scipy's names in brackets).</summary>
public enum KsMethod
{
    /// <summary>Exact distribution of the two-sample statistic (<c>exact</c>).</summary>
    Exact,

    /// <summary>One-sample Kolmogorov distribution at n = round(n1 n2 / (n1 + n2)) (<c>asymp</c>).</summary>
    Asymptotic,
}
