namespace CompressionSafety.Statistics;

/// <summary>Drift statistics over categories.</summary>
public static class CategoricalDrift
{
    /// <summary>Computes chi-square homogeneity, PSI and Jensen-Shannon (base 2) over the union of categories.</summary>
    /// <param name="reference">Reference labels, non-empty.</param>
    /// <param name="current">Current labels, non-empty.</param>
    /// <param name="epsilon">PSI proportion floor.</param>
    /// <returns>The statistics with the categories they were computed over.</returns>
    public static CategoricalDriftResult Compute(IReadOnlyList<string> reference, IReadOnlyList<string> current, double epsilon = Divergence.DefaultPsiEpsilon)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count == 0 || current.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one observation.");
        }

        var index = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in reference.Concat(current))
        {
            index.TryAdd(c, 0);
        }

        var categories = index.Keys.ToArray();
        for (var i = 0; i < categories.Length; i++)
        {
            index[categories[i]] = i;
        }

        var a = new long[categories.Length];
        var b = new long[categories.Length];
        foreach (var c in reference)
        {
            a[index[c]]++;
        }

        foreach (var c in current)
        {
            b[index[c]]++;
        }

        return Compute(categories, a, b, epsilon);
    }

    /// <summary>Computes the statistics from counts per category.</summary>
    /// <param name="categories">Category names, one per count.</param>
    /// <param name="reference">Reference counts.</param>
    /// <param name="current">Current counts.</param>
    /// <param name="epsilon">PSI proportion floor.</param>
    /// <returns>The statistics.</returns>
    public static CategoricalDriftResult Compute(IReadOnlyList<string> categories, ReadOnlySpan<long> reference, ReadOnlySpan<long> current, double epsilon = Divergence.DefaultPsiEpsilon)
    {
        var chi = ChiSquare.Homogeneity(reference, current);
        var p = Divergence.ToProportions(reference);
        var q = Divergence.ToProportions(current);
        long na = 0, nb = 0;
        foreach (var c in reference)
        {
            na += c;
        }

        foreach (var c in current)
        {
            nb += c;
        }

        return new CategoricalDriftResult((int)na, (int)nb, categories, chi, Divergence.Psi(p, q, epsilon), epsilon, Divergence.JensenShannon(p, q, 2));
    }
}
