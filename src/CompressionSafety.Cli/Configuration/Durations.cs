using System.Globalization;

namespace CompressionSafety.Cli.Configuration;

/// <summary>Parses durations as written in configuration: <c>500ms</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>, or <c>hh:mm:ss</c>.</summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        (string Suffix, double Ticks)[] units =
        [
            ("ms", TimeSpan.TicksPerMillisecond),
            ("s", TimeSpan.TicksPerSecond),
            ("m", TimeSpan.TicksPerMinute),
            ("h", TimeSpan.TicksPerHour),
            ("d", TimeSpan.TicksPerDay),
        ];
        foreach (var (suffix, ticks) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && double.IsFinite(amount))
            {
                value = TimeSpan.FromTicks((long)Math.Round(amount * ticks));
                return true;
            }
        }

        // A bare number is ambiguous (TimeSpan reads "5" as five days), so only hh:mm:ss is accepted without a unit.
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        value = default;
        return false;
    }
}
