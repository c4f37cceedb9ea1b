namespace CompressionSafety.Contracts;

/// <summary>
/// RFC 3339 date-time (<c>2026-11-26T16:00:00.125Z</c>, <c>2026-11-26T17:00:00+01:00</c>) on UTF-8 bytes.
/// Hand-written rather than <c>DateTimeOffset.TryParseExact</c> because the contract demands an explicit offset
/// (the BCL would silently assume local time) and the parser must not build a string per record.
/// </summary>
internal static class Rfc3339
{
    /// <summary>Longest text <see cref="Format"/> writes: date, time, 7 fraction digits, offset.</summary>
    public const int MaxLength = 33;

    private const int MaxFractionDigits = 7;
    private const int MaxOffsetMinutes = 14 * 60;

    /// <summary>Writes <paramref name="value"/> with its own offset (<c>Z</c> when zero) and returns the byte count.</summary>
    public static int Format(DateTimeOffset value, Span<byte> destination)
    {
        var local = value.DateTime;
        var n = 0;
        n += WriteDigits(local.Year, 4, destination[n..]);
        destination[n++] = (byte)'-';
        n += WriteDigits(local.Month, 2, destination[n..]);
        destination[n++] = (byte)'-';
        n += WriteDigits(local.Day, 2, destination[n..]);
        destination[n++] = (byte)'T';
        n += WriteDigits(local.Hour, 2, destination[n..]);
        destination[n++] = (byte)':';
        n += WriteDigits(local.Minute, 2, destination[n..]);
        destination[n++] = (byte)':';
        n += WriteDigits(local.Second, 2, destination[n..]);
        var fraction = (int)(local.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = MaxFractionDigits;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[n++] = (byte)'.';
            n += WriteDigits(fraction, digits, destination[n..]);
        }

        var offsetMinutes = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        if (offsetMinutes == 0)
        {
            destination[n++] = (byte)'Z';
            return n;
        }

        destination[n++] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        offsetMinutes = Math.Abs(offsetMinutes);
        n += WriteDigits(offsetMinutes / 60, 2, destination[n..]);
        destination[n++] = (byte)':';
        n += WriteDigits(offsetMinutes % 60, 2, destination[n..]);
        return n;
    }

    /// <summary>
    /// Parses <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)</c>; <c>t</c> and <c>z</c> may be lower case
    /// (RFC 3339 section 5.6). Fractions beyond 100 ns are truncated. Leap seconds (<c>:60</c>) are rejected because
    /// <see cref="DateTimeOffset"/> cannot hold them.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || !TryDigits(text[..4], out var year) || text[4] != '-'
            || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[19..];
        long fractionTicks = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            long scale = TimeSpan.TicksPerSecond;
            while (digits < rest.Length && IsDigit(rest[digits]))
            {
                if (digits <= MaxFractionDigits)
                {
                    scale /= 10;
                    fractionTicks += (rest[digits] - '0') * scale;
                }

                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            rest = rest[digits..];
        }

        if (!TryParseOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        var clockTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var utcTicks = clockTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(clockTicks, offset);
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> text, out int minutes)
    {
        minutes = 0;
        if (text.Length == 1 && (text[0] | 0x20) == 'z')
        {
            return true;
        }

        if (text.Length != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var mins)
            || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        if (minutes > MaxOffsetMinutes)
        {
            return false;
        }

        if (text[0] == '-')
        {
            minutes = -minutes;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int WriteDigits(int value, int width, Span<byte> destination)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return width;
    }
}
