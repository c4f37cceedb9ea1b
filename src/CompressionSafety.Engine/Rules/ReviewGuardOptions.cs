namespace CompressionSafety.Engine.Rules;

/// <summary>Settings of the runtime review guard.</summary>
public sealed class ReviewGuardOptions
{
    /// <summary>A prediction whose largest probability is below this is uncertain.</summary>
    public double LowConfidenceThreshold { get; set; } = 0.6;

    /// <summary>At most this many events routed per key per minute of event time; the rest are counted as dropped.</summary>
    public int MaxPerKeyPerMinute { get; set; } = 60;
}
