namespace CompressionSafety.Evaluation.Gating;

/// <summary>The gate's verdict on a variant, ordered by severity.</summary>
public enum GateDecision
{
    /// <summary>No configured threshold is reached.</summary>
    Pass = 0,

    /// <summary>A degradation reaches the lower threshold, or the higher one without statistical evidence: a person should look.</summary>
    NeedsValidation = 1,

    /// <summary>A degradation reaches the reject threshold and its interval excludes no change.</summary>
    Reject = 2,
}
