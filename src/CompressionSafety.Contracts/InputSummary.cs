namespace CompressionSafety.Contracts;

/// <summary>What the record says about the input, never the raw content.</summary>
/// <param name="Length">Input length (for example tokens or characters).</param>
/// <param name="Features">Numeric features by name (empty when none).</param>
/// <param name="Hash">An opaque hash of the input.</param>
public sealed record InputSummary(double? Length, IReadOnlyDictionary<string, double> Features, string? Hash);
