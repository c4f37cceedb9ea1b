using System.Globalization;
using System.Text;

namespace CompressionSafety.Testing;

/// <summary>One point read back by <see cref="LineProtocolParser"/>.</summary>
internal sealed record ParsedPoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, object>> Fields,
    long? Timestamp)
{
    public string Tag(string key) => Tags.Single(t => t.Key == key).Value;
}

/// <summary>
/// A small, strict InfluxDB line-protocol parser written from the grammar in the InfluxDB documentation
/// (docs.influxdata.com, "Line protocol" reference), independent of the writer it checks:
/// <c>measurement(,tag_key=tag_value)* field_key=field_value(,field_key=field_value)* [timestamp]</c>, one point a line.
/// Measurements escape comma and space; tag keys, tag values and field keys escape comma, equals sign and space; string
/// field values escape double quote and backslash; a doubled backslash is one backslash, and a backslash before any
/// other character is literal. Anything the grammar does not allow (a control character, an empty tag value, an
/// unescaped equals sign in a tag value, a missing field, trailing text) throws <see cref="FormatException"/>.
/// Lines that are empty or start with <c>#</c> are skipped.
/// </summary>
internal static class LineProtocolParser
{
    public static IReadOnlyList<ParsedPoint> Parse(string text)
    {
        var points = new List<ParsedPoint>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            try
            {
                points.Add(ParseLine(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {number}: {ex.Message}: {line}", ex);
            }
        }

        return points;
    }

    public static ParsedPoint ParseLine(string line)
    {
        foreach (var c in line)
        {
            if (char.IsControl(c))
            {
                throw new FormatException($"control character U+{(int)c:X4}");
            }
        }

        var position = 0;
        var measurement = ReadName(line, ref position, ", ", ", ");
        if (measurement.Length == 0)
        {
            throw new FormatException("empty measurement");
        }

        var tags = new List<KeyValuePair<string, string>>();
        while (Peek(line, position) == ',')
        {
            position++;
            var key = ReadName(line, ref position, ",= ", ",= ");
            Expect(line, ref position, '=');

            // Stops at an unescaped '=' too, which the caller then refuses (the grammar allows none in a tag value).
            var value = ReadName(line, ref position, ",= ", ",= ");
            if (key.Length == 0 || value.Length == 0)
            {
                throw new FormatException("empty tag key or value");
            }

            tags.Add(new(key, value));
        }

        Expect(line, ref position, ' ');
        var fields = new List<KeyValuePair<string, object>>();
        do
        {
            var key = ReadName(line, ref position, ",= ", ",= ");
            if (key.Length == 0)
            {
                throw new FormatException("empty field key");
            }

            Expect(line, ref position, '=');
            fields.Add(new(key, ReadFieldValue(line, ref position)));
        }
        while (TryTake(line, ref position, ','));

        long? timestamp = null;
        if (TryTake(line, ref position, ' '))
        {
            var start = position;
            while (position < line.Length && (char.IsAsciiDigit(line[position]) || (position == start && line[position] == '-')))
            {
                position++;
            }

            timestamp = long.Parse(line.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (position != line.Length)
        {
            throw new FormatException($"unexpected text at {position}");
        }

        return new ParsedPoint(measurement, tags, fields, timestamp);
    }

    /// <summary>Reads up to an unescaped character of <paramref name="stops"/>; a backslash before one of <paramref name="escapable"/> or a backslash is dropped.</summary>
    private static string ReadName(string line, ref int position, string stops, string escapable)
    {
        var builder = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position];
            if (c == '\\' && position + 1 < line.Length && (line[position + 1] == '\\' || escapable.Contains(line[position + 1], StringComparison.Ordinal)))
            {
                builder.Append(line[position + 1]);
                position += 2;
                continue;
            }

            if (stops.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            builder.Append(c);
            position++;
        }

        return builder.ToString();
    }

    private static object ReadFieldValue(string line, ref int position)
    {
        if (TryTake(line, ref position, '"'))
        {
            var builder = new StringBuilder();
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new FormatException("unterminated string field");
                }

                var c = line[position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c == '\\' && position < line.Length && line[position] is '"' or '\\')
                {
                    c = line[position++];
                }

                builder.Append(c);
            }
        }

        var start = position;
        while (position < line.Length && line[position] is not (',' or ' '))
        {
            position++;
        }

        var text = line[start..position];
        if (text.EndsWith('i'))
        {
            return long.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (text.EndsWith('u'))
        {
            return ulong.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        switch (text)
        {
            case "t" or "T" or "true" or "True" or "TRUE":
                return true;
            case "f" or "F" or "false" or "False" or "FALSE":
                return false;
        }

        if (text.Length == 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"field value '{text}' is not a float, integer, string or boolean");
        }

        return value;
    }

    private static char Peek(string line, int position) => position < line.Length ? line[position] : '\0';

    private static bool TryTake(string line, ref int position, char c)
    {
        if (Peek(line, position) != c)
        {
            return false;
        }

        position++;
        return true;
    }

    private static void Expect(string line, ref int position, char c)
    {
        if (!TryTake(line, ref position, c))
        {
            throw new FormatException($"expected '{c}' at {position}");
        }
    }
}
