using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Snapshots;

/// <summary>Expected behaviour of one variant on one slice.</summary>
/// <param name="Slice"><c>all</c>, <c>tag=NAME</c> or <c>KEY=VALUE</c>.</param>
/// <param name="Cases">Suite cases behind these numbers.</param>
/// <param name="ExpectedRates">
/// Rates by name: <c>accuracy</c>, <c>unsafe_miss_rate</c>, <c>false_flag_rate</c>, <c>flag_rate</c>, <c>flip_rate</c>,
/// <c>ece</c>, <c>brier</c>, <c>mean_entropy</c>; null when undefined on this slice (empty denominator).
/// </param>
/// <param name="LabelDistribution">Share of each predicted label.</param>
/// <param name="SafetyScoreHistogram">Reference distribution of the safety-positive probability over [0, 1].</param>
public sealed record SnapshotSlice(
    string Slice,
    long Cases,
    IReadOnlyDictionary<string, double?> ExpectedRates,
    IReadOnlyDictionary<string, double> LabelDistribution,
    Histogram SafetyScoreHistogram);
