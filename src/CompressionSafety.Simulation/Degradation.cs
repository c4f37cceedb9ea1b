using System.Globalization;

namespace CompressionSafety.Simulation;

/// <summary>
/// A degradation injected into the stream from <see cref="StartOffset"/> (or <see cref="StartTime"/>) on, on one variant
/// and optionally one model and one segment value. Text form:
/// <c>variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3</c> (and <c>model=NAME</c>).
/// </summary>
/// <param name="Variant">The affected variant; null for <see cref="DegradationKind.InputDrift"/>, which hits all traffic.</param>
/// <param name="SegmentKey">Segment attribute to restrict to (for example <c>locale</c>), or null for all traffic.</param>
/// <param name="SegmentValue">The attribute's value (for example <c>de</c>), or null for all traffic.</param>
/// <param name="Kind">What changes.</param>
/// <param name="StartOffset">Offset from the stream start, when the start was given as a duration.</param>
/// <param name="StartTime">Absolute start, when the start was given as an RFC 3339 time.</param>
/// <param name="Size">How much changes; its meaning depends on <see cref="Kind"/>.</param>
public sealed record Degradation(
    string? Variant,
    string? SegmentKey,
    string? SegmentValue,
    DegradationKind Kind,
    TimeSpan? StartOffset,
    DateTimeOffset? StartTime,
    double Size)
{
    /// <summary>The affected model; null for every model.</summary>
    public string? Model { get; init; }

    /// <summary>When the degradation begins in a stream starting at <paramref name="streamStart"/>.</summary>
    public DateTimeOffset StartsAt(DateTimeOffset streamStart) => StartTime ?? streamStart + (StartOffset ?? TimeSpan.Zero);

    /// <summary>The wire name of a kind, as accepted by <see cref="Parse"/>.</summary>
    public static string KindName(DegradationKind kind) => kind switch
    {
        DegradationKind.UnsafeMiss => "unsafe-miss",
        DegradationKind.FlaggedRate => "flagged-rate",
        DegradationKind.Refusal => "refusal",
        DegradationKind.Calibration => "calibration",
        DegradationKind.Latency => "latency",
        DegradationKind.UnderRefusal => "under-refusal",
        DegradationKind.OverRefusal => "over-refusal",
        DegradationKind.InputDrift => "input-drift",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Parses comma-separated <c>key=value</c> parts: <c>kind</c> (required), <c>size</c> (required), <c>variant</c>
    /// (required except for <c>input-drift</c>, where it is not allowed), <c>model</c> (optional), <c>segment=key:value</c> (optional) and
    /// <c>start</c> (optional, default 0: a duration such as <c>6h</c> or <c>1h30m</c> from the stream start, or an RFC 3339 time).
    /// </summary>
    /// <exception cref="FormatException">The message names the part that is wrong.</exception>
    public static Degradation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"degradation part '{part}' is not key=value.");
            }

            var key = part[..eq].Trim();
            if (key is not ("variant" or "model" or "segment" or "kind" or "start" or "size"))
            {
                throw new FormatException($"degradation part '{key}' is unknown (expected variant, model, segment, kind, start, size).");
            }

            if (!parts.TryAdd(key, part[(eq + 1)..].Trim()))
            {
                throw new FormatException($"degradation part '{key}' is given twice.");
            }
        }

        var kind = ParseKind(parts.GetValueOrDefault("kind"));
        var variant = parts.GetValueOrDefault("variant");
        if (kind == DegradationKind.InputDrift && variant is not null)
        {
            throw new FormatException("degradation part 'variant' is not allowed with kind=input-drift, which shifts all traffic.");
        }

        if (kind != DegradationKind.InputDrift && string.IsNullOrEmpty(variant))
        {
            throw new FormatException($"degradation part 'variant' is required with kind={KindName(kind)}.");
        }

        var (segmentKey, segmentValue) = ParseSegment(parts.GetValueOrDefault("segment"));
        var (offset, time) = ParseStart(parts.GetValueOrDefault("start"));
        var size = ParseSize(kind, parts.GetValueOrDefault("size"));
        var model = parts.GetValueOrDefault("model");
        if (model is { Length: 0 })
        {
            throw new FormatException("degradation part 'model' is empty.");
        }

        return new Degradation(variant, segmentKey, segmentValue, kind, offset, time, size) { Model = model };
    }

    private static DegradationKind ParseKind(string? text) => text switch
    {
        null => throw new FormatException("degradation part 'kind' is required."),
        "unsafe-miss" => DegradationKind.UnsafeMiss,
        "flagged-rate" => DegradationKind.FlaggedRate,
        "refusal" => DegradationKind.Refusal,
        "calibration" => DegradationKind.Calibration,
        "latency" => DegradationKind.Latency,
        "under-refusal" => DegradationKind.UnderRefusal,
        "over-refusal" => DegradationKind.OverRefusal,
        "input-drift" => DegradationKind.InputDrift,
        _ => throw new FormatException(
            $"degradation part 'kind' has unknown value '{text}' (expected unsafe-miss, flagged-rate, refusal, under-refusal, over-refusal, calibration, latency, input-drift)."),
    };

    private static (string? Key, string? Value) ParseSegment(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new FormatException($"degradation part 'segment' value '{text}' is not key:value (for example locale:de).");
        }

        // The generator only makes these two attributes; any other key would silently match nothing.
        var key = text[..colon];
        return key is "locale" or "channel"
            ? (key, text[(colon + 1)..])
            : throw new FormatException($"degradation part 'segment' key '{key}' is not one the generator makes (locale, channel).");
    }

    private static (TimeSpan? Offset, DateTimeOffset? Time) ParseStart(string? text)
    {
        if (text is null)
        {
            return (TimeSpan.Zero, null);
        }

        if (DurationText.TryParse(text, out var offset))
        {
            return (offset, null);
        }

        // RFC 3339 demands an explicit offset; without one the BCL would silently assume a time zone.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase) && hasOffset
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (null, time);
        }

        throw new FormatException(
            $"degradation part 'start' value '{text}' is neither a duration (6h, 90m, 1h30m) nor an RFC 3339 time with offset.");
    }

    private static double ParseSize(DegradationKind kind, string? text)
    {
        if (text is null)
        {
            throw new FormatException("degradation part 'size' is required.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var size) || !double.IsFinite(size))
        {
            throw new FormatException($"degradation part 'size' value '{text}' is not a number.");
        }

        var valid = kind switch
        {
            DegradationKind.Latency => size >= 0,
            DegradationKind.InputDrift => true,
            _ => size is >= 0 and <= 1,
        };
        return valid
            ? size
            : throw new FormatException(
                $"degradation part 'size' value '{text}' is out of range for kind={KindName(kind)} (expected {(kind == DegradationKind.Latency ? ">= 0" : "[0, 1]")}).");
    }
}
