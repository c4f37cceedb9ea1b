using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads <c>input</c>: <c>length</c> (number >= 0), <c>features</c> (string to finite number), <c>hash</c> (string).</summary>
internal static class InputReader
{
        public static Rejection? Read(ref Utf8JsonReader reader, out InputSummary? input)
    {
        input = null;
        double? length = null;
        IReadOnlyDictionary<string, double>? features = null;
        string? hash = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var bit = reader.ValueTextEquals("length"u8) ? 1
                : reader.ValueTextEquals("features"u8) ? 2
                : reader.ValueTextEquals("hash"u8) ? 4
                : 0;
            var name = bit switch { 1 => "input.length", 2 => "input.features", _ => "input.hash" };
            reader.Read();
            if (bit == 0)
            {
                reader.Skip();
                continue;
            }

            if ((seen & bit) != 0)
            {
                return FieldReader.Duplicate(name);
            }

            seen |= bit;
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Rejection? error;
            switch (bit)
            {
                case 1:
                    error = FieldReader.ReadNonNegative(ref reader, name, out var l);
                    length = l;
                    break;
                case 2:
                    error = MapReader.ReadNumbers(ref reader, name, out features);
                    break;
                default:
                    error = FieldReader.ReadString(ref reader, name, out var h);
                    hash = h;
                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        input = new InputSummary(length, features ?? SmallMap<double>.Empty, hash);
        return null;
    }
}
