namespace CompressionSafety.Engine.Windows;

/// <summary>A comparison of a window with one reference; every comparison names the reference it used.</summary>
/// <param name="Reference"><c>baseline</c> (the baseline variant's traffic in the same window and slice),
/// <c>shadow</c> (paired shadow outputs on the same events), <c>input_reference</c> (the pinned first windows of the stream)
/// or <c>snapshot</c> (the latest revalidation baseline).</param>
/// <param name="Values">Named values of the comparison (differences, intervals, divergences, sample sizes).</param>
public sealed record ReferenceComparison(string Reference, IReadOnlyDictionary<string, double> Values);
