namespace CompressionSafety.Statistics;

/// <summary>One ADWIN bucket: the sum of its values and their sum of squared deviations from its own mean.</summary>
internal readonly record struct AdwinBucket(double Total, double SquaredDeviations);
