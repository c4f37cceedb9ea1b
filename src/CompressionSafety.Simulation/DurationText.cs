using System.Globalization;

namespace CompressionSafety.Simulation;

/// <summary>Parses short durations such as <c>6h</c>, <c>90s</c>, <c>1.5d</c>, <c>250ms</c> or <c>1h30m</c>.</summary>
public static class DurationText
{
    /// <summary>Parses one or more <c>number unit</c> pairs (units ms, s, m, h, d), culture-invariant.</summary>
    /// <param name="text">The text, for example <c>1h30m</c>.</param>
    /// <param name="value">The sum of the pairs.</param>
    /// <returns>False when the text is empty or not of that form.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            double? unitSeconds = span.Slice(numberLength, unitLength) switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (unitSeconds is null)
            {
                return false;
            }

            value += TimeSpan.FromSeconds(number * unitSeconds.Value);
            span = span[(numberLength + unitLength)..];
        }

        return true;
    }
}
