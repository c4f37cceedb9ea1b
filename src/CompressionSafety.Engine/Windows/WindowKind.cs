namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Which phase of a window a result describes. Traffic statistics are final when stream time passes
/// the window end plus the grace period; label statistics wait for delayed ground truth until the
/// window end plus the label horizon.
/// </summary>
public enum WindowKind
{
    /// <summary>Everything known when the window closes: rates, distributions, latency, shadow flips, drift.</summary>
    Traffic,

    /// <summary>Statistics that need ground truth: accuracy, unsafe-miss rate, Brier score, ECE, McNemar counts.</summary>
    Labels,
}
