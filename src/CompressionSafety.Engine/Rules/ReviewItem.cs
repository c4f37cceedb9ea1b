using CompressionSafety.Contracts;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Rules;

/// <summary>An event routed to human review because its key has a firing incident.</summary>
/// <param name="Record">The prediction.</param>
/// <param name="Key">The firing key that routed it (the most specific one: a slice before <c>all</c>).</param>
/// <param name="Reason"><c>low_confidence</c> or <c>shadow_disagreement</c>.</param>
/// <param name="Confidence">The largest predicted probability, when the record has probabilities.</param>
public sealed record ReviewItem(PredictionRecord Record, WindowKey Key, string Reason, double? Confidence);
