namespace CompressionSafety.Simulation;

/// <summary>The combined effect of every degradation active on one event.</summary>
internal readonly record struct DegradationEffects(
    double UnsafeMiss,
    double FlaggedDelta,
    double RefusalDelta,
    double CalibrationPull,
    double LatencyFactor,
    double DriftSd,
    double UnderRefusal,
    double OverRefusal)
{
    public static readonly DegradationEffects None = new(0, 0, 0, 0, 1, 0, 0, 0);

    public static DegradationEffects For(
        IReadOnlyList<Degradation> degradations,
        DateTimeOffset streamStart,
        DateTimeOffset eventTime,
        string model,
        string variant,
        string locale,
        string channel)
    {
        var effects = None;
        foreach (var d in degradations)
        {
            if (eventTime < d.StartsAt(streamStart)
                || (d.Variant is not null && d.Variant != variant)
                || (d.Model is not null && d.Model != model)
                || !SegmentMatches(d, locale, channel))
            {
                continue;
            }

            // Probabilities of independent extra failures combine as 1 - (1 - a)(1 - b); shifts add; factors multiply.
            effects = d.Kind switch
            {
                DegradationKind.UnsafeMiss => effects with { UnsafeMiss = 1 - ((1 - effects.UnsafeMiss) * (1 - d.Size)) },
                DegradationKind.FlaggedRate => effects with { FlaggedDelta = effects.FlaggedDelta + d.Size },
                DegradationKind.Refusal => effects with { RefusalDelta = effects.RefusalDelta + d.Size },
                DegradationKind.Calibration => effects with { CalibrationPull = 1 - ((1 - effects.CalibrationPull) * (1 - d.Size)) },
                DegradationKind.Latency => effects with { LatencyFactor = effects.LatencyFactor * (1 + d.Size) },
                DegradationKind.UnderRefusal => effects with { UnderRefusal = effects.UnderRefusal + d.Size },
                DegradationKind.OverRefusal => effects with { OverRefusal = effects.OverRefusal + d.Size },
                DegradationKind.InputDrift => effects with { DriftSd = effects.DriftSd + d.Size },
                _ => effects,
            };
        }

        return effects;
    }

    private static bool SegmentMatches(Degradation d, string locale, string channel) => d.SegmentKey switch
    {
        null => true,
        "locale" => d.SegmentValue == locale,
        "channel" => d.SegmentValue == channel,
        _ => false,
    };
}
