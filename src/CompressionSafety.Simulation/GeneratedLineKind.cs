namespace CompressionSafety.Simulation;

/// <summary>What a generated line is, so tests and demos know the ground truth of the stream.</summary>
public enum GeneratedLineKind
{
    /// <summary>A valid, on-time prediction record.</summary>
    Prediction,

    /// <summary>A valid delayed label record.</summary>
    Label,

    /// <summary>A deliberately invalid line that the monitor must reject.</summary>
    Invalid,

    /// <summary>The same bytes as an earlier prediction, repeated shortly after it.</summary>
    Duplicate,

    /// <summary>A valid prediction whose event time is far older than the grace period.</summary>
    Late,
}
