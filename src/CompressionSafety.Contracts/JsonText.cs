using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Small helpers that turn reader state into the words of a rejection message.</summary>
internal static class JsonText
{
    private const int MaxQuotedBytes = 64;

    /// <summary>The token type in plain words: "a number", "null", "an object".</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };

    /// <summary>A number for a message, shortest round-trip form.</summary>
    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The current string (quoted) or number token, cut to a readable length, for a message.</summary>
    public static string Quote(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        var cut = raw.Length > MaxQuotedBytes;
        if (cut)
        {
            raw = raw[..MaxQuotedBytes];
        }

        // The record passed UTF-8 validation; a cut in the middle of a character only costs a replacement char.
        var text = Encoding.UTF8.GetString(raw) + (cut ? "..." : string.Empty);
        return reader.TokenType == JsonTokenType.String ? "\"" + text + "\"" : text;
    }
}
