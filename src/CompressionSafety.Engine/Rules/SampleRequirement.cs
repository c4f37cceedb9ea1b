namespace CompressionSafety.Engine.Rules;

/// <summary>The minimum sample below which a rule does not judge a window (and says so in its evaluation).</summary>
/// <param name="Metric">A count metric from the catalogue, for example <c>count</c> or <c>positive_count</c>.</param>
/// <param name="Reference">Null for the key's own count, otherwise the reference that carries it (e.g. <c>baseline_count</c>).</param>
/// <param name="Minimum">The smallest value the count must reach.</param>
public sealed record SampleRequirement(string Metric, string? Reference, double Minimum);
