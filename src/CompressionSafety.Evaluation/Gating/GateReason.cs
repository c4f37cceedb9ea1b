namespace CompressionSafety.Evaluation.Gating;

/// <summary>Why a variant did not pass: one metric on one slice, with the evidence.</summary>
/// <param name="Decision">What this finding alone implies.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Slice">The slice (<c>all</c>, <c>tag=edge-case</c>, <c>segment=minority</c>).</param>
/// <param name="Baseline">The baseline's value (null for <c>flip_rate</c>).</param>
/// <param name="Variant">The variant's value.</param>
/// <param name="Degradation">How much worse the variant is (positive is worse).</param>
/// <param name="IntervalLow">Lower end of the 95% interval of the degradation, when the metric has one.</param>
/// <param name="IntervalHigh">Upper end of that interval.</param>
/// <param name="Threshold">The threshold that was reached.</param>
/// <param name="Cases">Cases in the slice.</param>
/// <param name="Text">The finding in one sentence.</param>
public sealed record GateReason(
    GateDecision Decision,
    string Metric,
    string Slice,
    double? Baseline,
    double Variant,
    double Degradation,
    double? IntervalLow,
    double? IntervalHigh,
    double Threshold,
    long Cases,
    string Text);
