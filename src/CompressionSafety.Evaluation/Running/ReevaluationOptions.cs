namespace CompressionSafety.Evaluation.Running;

/// <summary>How a re-evaluation runs.</summary>
public sealed record ReevaluationOptions
{
    /// <summary>Rows per ONNX Runtime call.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>ONNX Runtime intra-op threads; 1 keeps runs reproducible and polite on shared machines.</summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>Passes over the suite per model for timing; rows/s comes from the fastest. Predictions are identical across passes.</summary>
    public int TimingPasses { get; init; } = 3;

    /// <summary>Most exemplars listed per variant (all are counted).</summary>
    public int MaxExemplars { get; init; } = 50;

    /// <summary>Bins of the safety-score histogram over [0, 1].</summary>
    public int HistogramBins { get; init; } = 20;

    /// <summary>The model to evaluate; the registry's first when null.</summary>
    public string? Model { get; init; }

    /// <summary>Written into outputs so results trace to the build that made them.</summary>
    public string ToolVersion { get; init; } = "0.1.0";

    /// <summary>Seed recorded in the snapshot (the suite generator's, when known).</summary>
    public long? Seed { get; init; }
}
