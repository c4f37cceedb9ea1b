namespace CompressionSafety.Statistics;

/// <summary>Adjustments of many p-values tested at once (many keys and metrics per window).</summary>
public static class MultipleTesting
{
    /// <summary>
    /// Benjamini-Hochberg adjusted p-values (false discovery rate), as statsmodels
    /// <c>multipletests(p, method='fdr_bh')[1]</c>: with p sorted ascending, the i-th (1-based) adjusted value is
    /// <c>min(1, min over j &gt;= i of p_(j) * m / j)</c>, returned in the input order.
    /// </summary>
    /// <param name="pValues">The p-values, each in [0, 1].</param>
    /// <returns>The adjusted p-values in the input order (empty for an empty input).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] or NaN.</exception>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = new int[m];
        for (var i = 0; i < m; i++)
        {
            var p = pValues[i];
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, $"p-value {i} is not in [0, 1].");
            }

            order[i] = i;
        }

        // The order among ties does not matter: the running minimum gives tied p-values the same adjusted value.
        var sorted = order.OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = sorted[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }

        return adjusted;
    }
}
