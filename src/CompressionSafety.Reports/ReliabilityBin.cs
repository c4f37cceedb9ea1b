namespace CompressionSafety.Reports;

/// <summary>One calibration bin pooled over the report period (sums over windows, so exact).</summary>
/// <param name="Lower">Lower edge (exclusive, except 0 for the first bin).</param>
/// <param name="Upper">Upper edge (inclusive).</param>
/// <param name="Count">Labelled predictions in the bin.</param>
/// <param name="ProbabilitySum">Sum of their predicted safety-positive probability.</param>
/// <param name="Positives">How many of them carry the safety-positive label.</param>
public sealed record ReliabilityBin(double Lower, double Upper, long Count, double ProbabilitySum, long Positives)
{
    /// <summary>Mean predicted probability in the bin; NaN when empty.</summary>
    public double MeanProbability => Count > 0 ? ProbabilitySum / Count : double.NaN;

    /// <summary>Observed frequency of the safety-positive (unsafe) label in the bin; NaN when empty.</summary>
    public double ObservedFrequency => Count > 0 ? (double)Positives / Count : double.NaN;
}
