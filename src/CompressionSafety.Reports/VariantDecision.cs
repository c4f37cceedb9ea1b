namespace CompressionSafety.Reports;

/// <summary>The decision for one variant: <c>pass</c>, <c>needs-validation</c> or <c>reject</c>, with its reasons.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Variant name.</param>
/// <param name="Decision">The strictest of the evaluation gate and the gates of incidents that fired in the period.</param>
/// <param name="EvaluationGate">The gate from <c>evaluation.json</c>, or null when none was given.</param>
/// <param name="Reasons">Why, one line each.</param>
public sealed record VariantDecision(string Model, string Variant, string Decision, string? EvaluationGate, IReadOnlyList<string> Reasons);
