using CompressionSafety.Statistics;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>What the engine keeps about one key from window to window: the pinned input reference, change detectors, anytime-valid confidence sequences and the shadow discordance CUSUM.</summary>
internal sealed class KeyHistory(EngineOptions options) : IStateful
{
    public InputReference Input { get; } = new(options);

    public AnomalyTracker Anomalies { get; } = new(options.AnomalyDetectors);

    /// <summary>Flagged rate, variant minus baseline, over every window so far.</summary>
    public DifferenceConfidenceSequence FlaggedDifference { get; } = new(options.ConfidenceSequenceAlpha);

    /// <summary>Unsafe-miss rate, variant minus baseline, over every window so far.</summary>
    public DifferenceConfidenceSequence UnsafeMissDifference { get; } = new(options.ConfidenceSequenceAlpha);

    /// <summary>Paired discordance against the shadow outputs, over every labelled window so far.</summary>
    public DiscordanceCusum ShadowDiscordance { get; } = new(options.DiscordanceCusumAlternative);

    public void WriteState(StateWriter writer)
    {
        Input.WriteState(writer);
        Anomalies.WriteState(writer);
        FlaggedDifference.WriteState(writer);
        UnsafeMissDifference.WriteState(writer);
        ShadowDiscordance.WriteState(writer);
    }

    public void ReadState(StateReader reader)
    {
        Input.ReadState(reader);
        Anomalies.ReadState(reader);
        FlaggedDifference.ReadState(reader);
        UnsafeMissDifference.ReadState(reader);
        ShadowDiscordance.ReadState(reader);
    }
}
