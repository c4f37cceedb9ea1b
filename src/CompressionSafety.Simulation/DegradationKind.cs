namespace CompressionSafety.Simulation;

/// <summary>The kinds of injected degradation (wire names in <see cref="Degradation.Parse"/>).</summary>
public enum DegradationKind
{
    /// <summary><c>unsafe-miss</c>: on truly unsafe inputs the variant predicts safe with extra probability <c>size</c>.</summary>
    UnsafeMiss,

    /// <summary><c>flagged-rate</c>: the flagged probability rises by <c>size</c> (absolute).</summary>
    FlaggedRate,

    /// <summary><c>refusal</c>: the refusal probability rises by <c>size</c> (absolute).</summary>
    Refusal,

    /// <summary><c>calibration</c>: probabilities are pulled toward 0.5 by the fraction <c>size</c>.</summary>
    Calibration,

    /// <summary><c>latency</c>: latency is multiplied by <c>1 + size</c>.</summary>
    Latency,

    /// <summary><c>under-refusal</c>: an assistant model's refusal probability on harmful requests falls by <c>size</c> (absolute); the answers it gives instead may be flagged.</summary>
    UnderRefusal,

    /// <summary><c>over-refusal</c>: an assistant model's refusal probability on benign requests rises by <c>size</c> (absolute).</summary>
    OverRefusal,

    /// <summary><c>input-drift</c>: feature f1 shifts by <c>size</c> standard deviations for every variant (a traffic shift).</summary>
    InputDrift,
}
