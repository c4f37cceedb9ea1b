using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace CompressionSafety.Contracts;

/// <summary>
/// Parses one inference-log record (contract version 1) from UTF-8 JSON into a <see cref="PredictionRecord"/> or
/// <see cref="LabelRecord"/>, or a precise <see cref="Rejection"/>. Never throws on any input.
/// </summary>
/// <remarks>
/// Kind: an object with a <c>prediction</c> property is a prediction record; one with <c>model</c> or
/// <c>variant</c> but no <c>prediction</c> is a prediction record missing <c>prediction</c>; anything else is a
/// label record. Unknown properties are skipped whatever their value; <c>null</c> for an optional field means absent.
/// </remarks>
public static class RecordParser
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Parses one record.</summary>
    /// <param name="utf8Json">Exactly one JSON object in UTF-8 (surrounding whitespace allowed).</param>
    /// <param name="options">Limits; <see cref="ParserOptions.Default"/> when null.</param>
    public static ParseResult Parse(ReadOnlySpan<byte> utf8Json, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;

        // Size first: a huge record must not cost a full parse before being turned away.
        if (utf8Json.Length > options.MaxRecordBytes)
        {
            return ParseResult.Invalid(
                RejectionCode.TooLarge,
                null,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"record is {utf8Json.Length} bytes, the maximum is {options.MaxRecordBytes} bytes"));
        }

        // A byte order mark (the first record of a file saved by some editors, or a producer that writes one per
        // message) is not part of the JSON text: RFC 8259 lets a parser ignore it, and the stats readers do.
        utf8Json = Utf8Bom.Skip(utf8Json);

        if (utf8Json.IsEmpty)
        {
            return ParseResult.Invalid(RejectionCode.NotJson, null, "must be a JSON object, got an empty record");
        }

        // The reader does not check UTF-8 inside every token it skips, so check all bytes up front (vectorised, cheap).
        if (!Utf8.IsValid(utf8Json))
        {
            return ParseResult.Invalid(RejectionCode.NotJson, null, "is not valid UTF-8");
        }

        try
        {
            // Fast path: almost every record is a valid prediction, which one pass both reads and fully checks.
            // Anything else takes the careful path, which decides the kind first so its rejection is the right one.
            var optimistic = TryReadValidPrediction(utf8Json, options.ProbabilitySumTolerance);
            if (optimistic.IsValid)
            {
                return optimistic;
            }

            var shape = KindScanner.Scan(utf8Json, ReaderOptions, out var kind);
            if (shape is not null)
            {
                return new ParseResult(null, shape);
            }

            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            return RecordReader.Read(ref reader, kind, options.ProbabilitySumTolerance);
        }
        catch (JsonException ex)
        {
            // Per record on purpose: one malformed record is a dead letter, never a reason to stop the stream.
            return ParseResult.Invalid(RejectionCode.NotJson, null, "is not valid JSON" + Position(ex) + ": " + FirstSentence(ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            // GetString throws this for a well-formed escape that is not valid UTF-16 (a lone surrogate such as \ud800).
            return ParseResult.Invalid(RejectionCode.NotJson, null, "contains a string that is not valid Unicode: " + FirstSentence(ex.Message));
        }
    }

    private static ParseResult TryReadValidPrediction(ReadOnlySpan<byte> utf8Json, double tolerance)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            var result = RecordReader.Read(ref reader, RecordKind.Prediction, tolerance);
            if (result.IsValid)
            {
                KindScanner.EnsureEnd(ref reader);
            }

            return result;
        }
        catch (InvalidOperationException)
        {
            // A bad escape in a field that a label record would ignore: let the careful path judge it.
            return default;
        }
    }

    private static string Position(JsonException ex) => ex.BytePositionInLine is { } position
        ? string.Create(CultureInfo.InvariantCulture, $" at line {ex.LineNumber + 1}, byte {position + 1}")
        : string.Empty;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
