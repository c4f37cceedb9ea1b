using MathNet.Numerics;

namespace CompressionSafety.Statistics;

/// <summary>Normal and one-degree-of-freedom chi-square tails through erfc, which keeps full relative precision deep in the tail where <c>1 - CDF</c> would cancel.</summary>
internal static class NormalTail
{
    /// <summary>Two-sided normal p-value <c>2 * (1 - Phi(|z|))</c>.</summary>
    public static double TwoSided(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>Chi-square survival function with one degree of freedom: <c>P(Z^2 &gt; x) = erfc(sqrt(x / 2))</c>.</summary>
    public static double ChiSquare1Survival(double x) => x <= 0 ? 1.0 : SpecialFunctions.Erfc(Math.Sqrt(x / 2.0));
}
