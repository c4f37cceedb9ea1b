using CompressionSafety.Evaluation.Gating;

namespace CompressionSafety.Evaluation.Running;

/// <summary>One variant's re-evaluation against the baseline.</summary>
/// <param name="Name">Variant name.</param>
/// <param name="IsBaseline">True for the baseline row (its comparisons are with itself and its gate is <c>pass</c>).</param>
/// <param name="File">The ONNX file.</param>
/// <param name="Sha256">The file's SHA-256.</param>
/// <param name="Compression">Compression metadata from the registry.</param>
/// <param name="FileBytes">File size.</param>
/// <param name="SessionMemoryBytes">Approximate process working-set growth while the session was created.</param>
/// <param name="LatencyMicrosecondsPerRow">Time inside ONNX Runtime per row.</param>
/// <param name="RowsPerSecond">Rows scored per second inside ONNX Runtime.</param>
/// <param name="Gate">The gate decision.</param>
/// <param name="Reasons">Why it is not <c>pass</c>; empty when it is.</param>
/// <param name="Metrics">Metrics on the whole suite.</param>
/// <param name="Slices">Metrics per tag and per segment.</param>
/// <param name="WorstSlice">The slice with the largest accuracy drop (gated slices only); null for the baseline.</param>
/// <param name="ExemplarCount">Number of cases whose label differs from the baseline's.</param>
/// <param name="Exemplars">The top-ranked of those cases.</param>
/// <param name="Predictions">Predicted label index of every case, in <see cref="EvaluationResult.CaseIds"/> order (for <c>evaluate --compare</c>).</param>
public sealed record VariantEvaluation(
    string Name,
    bool IsBaseline,
    string File,
    string Sha256,
    IReadOnlyDictionary<string, string>? Compression,
    long FileBytes,
    long SessionMemoryBytes,
    double LatencyMicrosecondsPerRow,
    double RowsPerSecond,
    GateDecision Gate,
    IReadOnlyList<GateReason> Reasons,
    SliceMetrics Metrics,
    IReadOnlyList<SliceMetrics> Slices,
    WorstSlice? WorstSlice,
    long ExemplarCount,
    IReadOnlyList<CompressionExemplar> Exemplars,
    IReadOnlyList<int>? Predictions = null);
