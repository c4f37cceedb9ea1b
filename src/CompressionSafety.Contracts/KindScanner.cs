using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>
/// First pass over a record: checks the whole text is one well-formed JSON value (so the second pass can stop at the
/// first contract violation without leaving a syntax error unreported) and decides the record kind from the top-level
/// property names, which may appear anywhere in the object.
/// </summary>
internal static class KindScanner
{
    /// <summary>Null when the text is one JSON object (its kind in <paramref name="kind"/>); otherwise why not.</summary>
    /// <exception cref="JsonException">The text is not well-formed JSON.</exception>
    public static Rejection? Scan(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options, out RecordKind kind)
    {
        kind = RecordKind.Label;
        var reader = new Utf8JsonReader(utf8Json, options);
        if (!reader.Read())
        {
            return new Rejection(RejectionCode.NotJson, null, "must be a JSON object, got only whitespace");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var got = JsonText.Describe(reader.TokenType);
            reader.Skip();
            EnsureEnd(ref reader);
            return new Rejection(RejectionCode.NotObject, null, $"must be a JSON object, got {got}");
        }

        bool hasPrediction = false, hasModelOrVariant = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prediction"u8))
            {
                hasPrediction = true;
            }
            else if (reader.ValueTextEquals("model"u8) || reader.ValueTextEquals("variant"u8))
            {
                hasModelOrVariant = true;
            }

            reader.Read();
            reader.Skip();
        }

        EnsureEnd(ref reader);
        kind = hasPrediction || hasModelOrVariant ? RecordKind.Prediction : RecordKind.Label;
        return null;
    }

    /// <summary>After the single root value only whitespace may follow; the reader throws on anything else.</summary>
    /// <exception cref="JsonException">Something other than whitespace follows.</exception>
    public static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("Trailing content after the JSON value.");
        }
    }
}
