namespace CompressionSafety.Statistics;

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Nominal lower edge (exclusive, except 0 for the first bin).</param>
/// <param name="Upper">Nominal upper edge (inclusive).</param>
/// <param name="Count">Number of predictions in the bin.</param>
/// <param name="MeanProbability">Mean predicted probability in the bin; NaN when the bin is empty.</param>
/// <param name="FractionPositive">Fraction of positive labels in the bin; NaN when the bin is empty.</param>
public readonly record struct ReliabilityBin(double Lower, double Upper, long Count, double MeanProbability, double FractionPositive);
