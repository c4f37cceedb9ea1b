using CompressionSafety.Statistics;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Windows;

/// <summary>What the engine keeps about one key from window to window: the pinned input reference, change detectors, anytime-valid confidence sequences, the rate-change e-detectors and the shadow discordance CUSUM.</summary>
internal sealed class KeyHistory(EngineOptions options) : IStateful
{
    public InputReference Input { get; } = new(options);

    public AnomalyTracker Anomalies { get; } = new(options.AnomalyDetectors);

    /// <summary>Flagged rate, variant minus baseline, over every window so far.</summary>
    public DifferenceConfidenceSequence FlaggedDifference { get; } = new(options.ConfidenceSequenceAlpha);

    /// <summary>Unsafe-miss rate, variant minus baseline, over every window so far.</summary>
    public DifferenceConfidenceSequence UnsafeMissDifference { get; } = new(options.ConfidenceSequenceAlpha);

    /// <summary>
    /// Rate-change e-detectors against the baseline, in the order of <see cref="RateChanges.All"/> (state: each
    /// detector's statistic and window count).
    /// </summary>
    public RateChangeCusum[] RateChanges { get; } = Windows.RateChanges.Create();

    /// <summary>Paired discordance against the shadow outputs, over every labelled window so far.</summary>
    public DiscordanceCusum ShadowDiscordance { get; } = new(options.DiscordanceCusumAlternative);

    public void WriteState(StateWriter writer)
    {
        Input.WriteState(writer);
        Anomalies.WriteState(writer);
        FlaggedDifference.WriteState(writer);
        UnsafeMissDifference.WriteState(writer);
        writer.WriteEach(RateChanges, static (w, change) => change.WriteState(w));
        ShadowDiscordance.WriteState(writer);
    }

    public void ReadState(StateReader reader)
    {
        Input.ReadState(reader);
        Anomalies.ReadState(reader);
        FlaggedDifference.ReadState(reader);
        UnsafeMissDifference.ReadState(reader);
        var index = 0;
        reader.ReadEach(r =>
        {
            if (index >= RateChanges.Length)
            {
                throw new InvalidDataException($"The snapshot holds more than the {RateChanges.Length} rate-change detectors configured.");
            }

            RateChanges[index++].ReadState(r);
        });
        if (index != RateChanges.Length)
        {
            throw new InvalidDataException($"The snapshot holds {index} rate-change detectors, {RateChanges.Length} are configured.");
        }

        ShadowDiscordance.ReadState(reader);
    }
}
