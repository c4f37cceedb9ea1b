using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads <c>compression</c>: <c>method</c> (enum), <c>bits</c> (integer >= 1), <c>sparsity</c> ([0, 1]).</summary>
internal static class CompressionReader
{
    private const string Methods = "quantization, pruning, distillation, low-rank or other";

    public static Rejection? Read(ref Utf8JsonReader reader, out CompressionInfo? compression)
    {
        compression = null;
        string? method = null;
        int? bits = null;
        double? sparsity = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var bit = reader.ValueTextEquals("method"u8) ? 1
                : reader.ValueTextEquals("bits"u8) ? 2
                : reader.ValueTextEquals("sparsity"u8) ? 4
                : 0;
            var name = bit switch { 1 => "compression.method", 2 => "compression.bits", _ => "compression.sparsity" };
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

            var error = bit switch
            {
                1 => ReadMethod(ref reader, name, out method),
                2 => ReadBits(ref reader, name, out bits),
                _ => ReadSparsity(ref reader, name, out sparsity),
            };
            if (error is not null)
            {
                return error;
            }
        }

        compression = new CompressionInfo(method, bits, sparsity);
        return null;
    }

    private static Rejection? ReadMethod(ref Utf8JsonReader reader, string path, out string? method)
    {
        method = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return FieldReader.WrongType(path, "one of " + Methods, reader.TokenType);
        }

        // Interned literals: every record of a variant carries the same method, so no string per record.
        method = reader.ValueTextEquals("quantization"u8) ? "quantization"
            : reader.ValueTextEquals("pruning"u8) ? "pruning"
            : reader.ValueTextEquals("distillation"u8) ? "distillation"
            : reader.ValueTextEquals("low-rank"u8) ? "low-rank"
            : reader.ValueTextEquals("other"u8) ? "other"
            : null;
        return method is null
            ? new Rejection(RejectionCode.InvalidValue, path, $"must be one of {Methods}, got {JsonText.Quote(ref reader)}")
            : null;
    }

    private static Rejection? ReadBits(ref Utf8JsonReader reader, string path, out int? bits)
    {
        bits = null;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return FieldReader.WrongType(path, "an integer >= 1", reader.TokenType);
        }

        // JSON Schema's "integer" accepts 8.0 as well as 8, so test the value rather than the spelling.
        if (!reader.TryGetDouble(out var value) || value < 1 || value > int.MaxValue || Math.Floor(value) != value)
        {
            return new Rejection(RejectionCode.InvalidValue, path, $"must be an integer >= 1, got {JsonText.Quote(ref reader)}");
        }

        bits = (int)value;
        return null;
    }

    private static Rejection? ReadSparsity(ref Utf8JsonReader reader, string path, out double? sparsity)
    {
        sparsity = null;
        var error = FieldReader.ReadFinite(ref reader, path, out var value);
        if (error is not null)
        {
            return error;
        }

        if (value is < 0 or > 1)
        {
            return new Rejection(RejectionCode.InvalidValue, path, $"must be a number in [0, 1], got {JsonText.Number(value)}");
        }

        sparsity = value;
        return null;
    }
}
