using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads <c>prediction</c> and <c>shadow</c>: <c>label</c>, <c>probabilities</c>, <c>variant</c>.</summary>
internal static class OutputReader
{
    /// <summary>Reads the object at the reader's <see cref="JsonTokenType.StartObject"/>.</summary>
    public static Rejection? Read(ref Utf8JsonReader reader, string path, double tolerance, out ModelOutput? output)
    {
        output = null;
        string? label = null;
        string? variant = null;
        IReadOnlyDictionary<string, double>? probabilities = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var bit = reader.ValueTextEquals("label"u8) ? 1
                : reader.ValueTextEquals("probabilities"u8) ? 2
                : reader.ValueTextEquals("variant"u8) ? 4
                : 0;
            reader.Read();
            if (bit == 0)
            {
                reader.Skip();
                continue;
            }

            if ((seen & bit) != 0)
            {
                return FieldReader.Duplicate(new FieldPath(path, NameOf(bit)));
            }

            seen |= bit;
            if (reader.TokenType == JsonTokenType.Null && bit != 1)
            {
                continue;
            }

            var error = bit switch
            {
                1 => FieldReader.ReadNonEmptyString(ref reader, new FieldPath(path, "label"), out label),
                2 => ProbabilitiesReader.Read(ref reader, ProbabilitiesPath(path), tolerance, out probabilities),
                _ => ReadVariant(ref reader, path, out variant),
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (label is null)
        {
            return FieldReader.Missing(new FieldPath(path, "label"));
        }

        output = new ModelOutput(label, probabilities, variant);
        return null;
    }

    private static Rejection? ReadVariant(ref Utf8JsonReader reader, string path, out string? variant)
    {
        var error = FieldReader.ReadId(ref reader, new FieldPath(path, "variant"), out var value);
        variant = value;
        return error;
    }

    // Literals, not concatenation: this path is passed on every record, valid or not.
    private static string ProbabilitiesPath(string path) => path switch
    {
        "prediction" => "prediction.probabilities",
        "shadow" => "shadow.probabilities",
        _ => path + ".probabilities",
    };

    private static string NameOf(int bit) => bit switch
    {
        1 => "label",
        2 => "probabilities",
        _ => "variant",
    };
}
