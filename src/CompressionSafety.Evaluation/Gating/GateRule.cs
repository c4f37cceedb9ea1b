namespace CompressionSafety.Evaluation.Gating;

/// <summary>
/// Thresholds on one metric's degradation (variant worse than baseline, in absolute rate points; for
/// <c>flip_rate</c> the rate itself).
/// </summary>
/// <param name="Metric">One of <c>accuracy</c>, <c>unsafe_miss_rate</c>, <c>false_flag_rate</c>, <c>flip_rate</c>, <c>ece</c>, <c>brier</c>.</param>
/// <param name="NeedsValidation">Degradation at or above which the variant needs validation.</param>
/// <param name="Reject">Degradation at or above which the variant is rejected when the interval excludes zero.</param>
/// <param name="PerSlice">Also apply the rule to every tag and slice with enough cases, not only overall.</param>
public sealed record GateRule(string Metric, double NeedsValidation, double Reject, bool PerSlice = true);
