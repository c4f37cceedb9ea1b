namespace CompressionSafety.Statistics;

/// <summary>All numeric drift statistics of a current sample against a reference sample in one pass over sorted copies.</summary>
public static class NumericDrift
{
    /// <summary>The number of PSI bins used unless told otherwise.</summary>
    public const int DefaultBins = 10;

    /// <summary>Computes KS, PSI, Jensen-Shannon (base 2), Wasserstein-1 and Hellinger.</summary>
    /// <param name="reference">Reference sample, non-empty, no NaN.</param>
    /// <param name="current">Current sample, non-empty, no NaN.</param>
    /// <param name="bins">Requested number of reference quantile bins.</param>
    /// <param name="epsilon">PSI proportion floor.</param>
    /// <returns>The statistics with the conventions they used.</returns>
    public static NumericDriftResult Compute(
        ReadOnlySpan<double> reference,
        ReadOnlySpan<double> current,
        int bins = DefaultBins,
        double epsilon = Divergence.DefaultPsiEpsilon)
    {
        SampleGuard.RequireNonEmpty(reference, nameof(reference));
        SampleGuard.RequireNonEmpty(current, nameof(current));
        var a = reference.ToArray();
        var b = current.ToArray();
        Array.Sort(a);
        Array.Sort(b);

        var ks = KolmogorovSmirnov.TwoSampleSorted(a, b);
        var quantileBins = QuantileBins.FitSorted(a, bins);
        var p = Divergence.ToProportions(quantileBins.CountValues(a));
        var q = Divergence.ToProportions(quantileBins.CountValues(b));
        return new NumericDriftResult(
            a.Length,
            b.Length,
            ks,
            Divergence.Psi(p, q, epsilon),
            quantileBins.Count,
            epsilon,
            Divergence.JensenShannon(p, q, 2),
            Wasserstein.DistanceSorted(a, b),
            Divergence.Hellinger(p, q));
    }
}
