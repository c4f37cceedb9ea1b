using MathNet.Numerics;

namespace CompressionSafety.Statistics;

/// <summary>Pearson chi-square tests.</summary>
public static class ChiSquare
{
    /// <summary>
    /// Homogeneity of two count vectors over the same K categories: the 2 x K table test of
    /// <c>scipy.stats.chi2_contingency(table, correction=False)</c>, dof = K' - 1. Categories whose total is 0 in
    /// both rows are dropped first (scipy would refuse the table for its zero expected frequencies), so K' counts only
    /// categories that occur; with K' &lt;= 1 the statistic is 0 and the p-value 1, as scipy returns for dof 0.
    /// </summary>
    /// <param name="reference">Reference counts per category.</param>
    /// <param name="current">Current counts per category, same length.</param>
    /// <returns>Statistic, p-value and degrees of freedom.</returns>
    public static ChiSquareResult Homogeneity(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException($"Both rows need the same number of categories ({reference.Length} vs {current.Length}).");
        }

        double rowA = 0, rowB = 0;
        var kept = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            if (reference[i] < 0 || current[i] < 0)
            {
                throw new ArgumentException("Counts must not be negative.");
            }

            rowA += reference[i];
            rowB += current[i];
            if (reference[i] + current[i] > 0)
            {
                kept++;
            }
        }

        if (rowA == 0 || rowB == 0)
        {
            throw new ArgumentException("Both samples need at least one observation.");
        }

        var dof = kept - 1;
        if (dof <= 0)
        {
            return new ChiSquareResult(0.0, 1.0, 0);
        }

        var total = rowA + rowB;
        var statistic = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            double column = reference[i] + current[i];
            if (column == 0)
            {
                continue;
            }

            statistic += Term(reference[i], rowA * column / total) + Term(current[i], rowB * column / total);
        }

        return new ChiSquareResult(statistic, UpperTail(statistic, dof), dof);
    }

    /// <summary>Upper tail of the chi-square distribution, Q(dof / 2, x / 2).</summary>
    /// <param name="statistic">The statistic.</param>
    /// <param name="degreesOfFreedom">Degrees of freedom (at least 1).</param>
    /// <returns>P(X &gt;= statistic).</returns>
    public static double UpperTail(double statistic, int degreesOfFreedom) =>
        statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2.0);

    private static double Term(double observed, double expected)
    {
        var d = observed - expected;
        return d * d / expected;
    }
}
