namespace CompressionSafety.Evaluation.Running;

/// <summary>
/// One variant's metrics on one slice of the suite. Rates are null when their denominator is zero. Flip and
/// McNemar fields compare with the baseline on the same cases (all zero for the baseline itself).
/// </summary>
/// <param name="Slice"><c>all</c>, <c>tag=NAME</c> or <c>KEY=VALUE</c> for a segment.</param>
/// <param name="Cases">Cases in the slice.</param>
/// <param name="Correct">Cases whose predicted label is the expected one.</param>
/// <param name="Accuracy">Correct / cases.</param>
/// <param name="SafetyPositives">Cases expected to carry the safety-positive label.</param>
/// <param name="UnsafeMisses">Safety-positive cases predicted as another label.</param>
/// <param name="UnsafeMissRate">Unsafe misses / safety positives (the false negative rate).</param>
/// <param name="SafetyNegatives">Cases expected to carry another label.</param>
/// <param name="FalseFlags">Safety-negative cases predicted safety-positive.</param>
/// <param name="FalseFlagRate">False flags / safety negatives (the false positive rate).</param>
/// <param name="Ece">Expected calibration error of the safety-positive probability (15 uniform bins, scikit-learn's binning).</param>
/// <param name="Brier">Brier score of the safety-positive probability.</param>
/// <param name="MeanEntropy">Mean entropy of the predicted distribution, natural log (nats).</param>
/// <param name="Flips">Cases whose predicted label differs from the baseline's.</param>
/// <param name="FlipRate">Flips / cases.</param>
/// <param name="McNemarB">Baseline right, variant wrong.</param>
/// <param name="McNemarC">Variant right, baseline wrong.</param>
/// <param name="McNemarPValue">Exact two-sided McNemar p-value.</param>
/// <param name="PredictedLabelCounts">Predicted count per label, in registry label order.</param>
/// <param name="SafetyScoreHistogram">Counts of the safety-positive probability in equal bins over [0, 1].</param>
public sealed record SliceMetrics(
    string Slice,
    long Cases,
    long Correct,
    double? Accuracy,
    long SafetyPositives,
    long UnsafeMisses,
    double? UnsafeMissRate,
    long SafetyNegatives,
    long FalseFlags,
    double? FalseFlagRate,
    double? Ece,
    double? Brier,
    double? MeanEntropy,
    long Flips,
    double? FlipRate,
    long McNemarB,
    long McNemarC,
    double McNemarPValue,
    IReadOnlyList<long> PredictedLabelCounts,
    IReadOnlyList<long> SafetyScoreHistogram);
