using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>
/// Reads one field value at the reader's current token and validates it against the contract.
/// Each method returns null when the value is valid, otherwise the rejection naming <c>path</c>.
/// </summary>
internal static class FieldReader
{
    /// <summary>The earliest event time a record may carry.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = new(1678, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ids are limited to 128 UTF-16 chars (<see cref="string.Length"/>), the unit .NET consumers store and index by.</summary>
    public const int MaxIdLength = 128;

    public static Rejection WrongType(FieldPath path, string expected, JsonTokenType got) =>
        new(RejectionCode.WrongType, path.Value, $"must be {expected}, got {JsonText.Describe(got)}");

    public static Rejection Duplicate(FieldPath path) =>
        new(RejectionCode.InvalidValue, path.Value, "duplicate property: each property may appear once per object");

    public static Rejection Missing(FieldPath path) =>
        new(RejectionCode.MissingField, path.Value, "required field is missing");

    public static Rejection? ReadString(ref Utf8JsonReader reader, FieldPath path, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(path, "a string", reader.TokenType);
        }

        value = reader.GetString()!;
        return null;
    }

    /// <summary>Like <see cref="ReadString"/> for values that repeat across records (names, labels, slices).</summary>
    public static Rejection? ReadPooledString(ref Utf8JsonReader reader, FieldPath path, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(path, "a string", reader.TokenType);
        }

        value = StringPool.Get(ref reader);
        return null;
    }

    public static Rejection? ReadNonEmptyString(ref Utf8JsonReader reader, FieldPath path, out string value)
    {
        var error = ReadPooledString(ref reader, path, out value);
        if (error is null && value.Length == 0)
        {
            return new Rejection(RejectionCode.InvalidValue, path.Value, "must be a non-empty string, got an empty string");
        }

        return error;
    }

    public static Rejection? ReadId(ref Utf8JsonReader reader, FieldPath path, out string value, bool pooled = true)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = string.Empty;
            return WrongType(path, $"a string of 1..{MaxIdLength} characters", reader.TokenType);
        }

        value = pooled ? StringPool.Get(ref reader) : reader.GetString()!;
        if (value.Length is 0 or > MaxIdLength)
        {
            return new Rejection(
                RejectionCode.InvalidValue,
                path.Value,
                $"must be a string of 1..{MaxIdLength} characters, got {value.Length.ToString(CultureInfo.InvariantCulture)} characters");
        }

        return null;
    }

    public static Rejection? ReadBoolean(ref Utf8JsonReader reader, FieldPath path, out bool value)
    {
        value = false;
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = reader.TokenType == JsonTokenType.True;
            return null;
        }

        return WrongType(path, "a boolean", reader.TokenType);
    }

    /// <summary>A finite number; <c>1e400</c> (beyond double) counts as not finite.</summary>
    public static Rejection? ReadFinite(ref Utf8JsonReader reader, FieldPath path, out double value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return WrongType(path, "a number", reader.TokenType);
        }

        if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
        {
            return new Rejection(RejectionCode.InvalidValue, path.Value, $"must be a finite number, got {JsonText.Quote(ref reader)}");
        }

        return null;
    }

    public static Rejection? ReadNonNegative(ref Utf8JsonReader reader, FieldPath path, out double value)
    {
        var error = ReadFinite(ref reader, path, out value);
        if (error is null && value < 0)
        {
            return new Rejection(RejectionCode.InvalidValue, path.Value, $"must be a number >= 0, got {JsonText.Number(value)}");
        }

        return error;
    }

    public static Rejection? ReadTimestamp(ref Utf8JsonReader reader, FieldPath path, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(path, "an RFC 3339 date-time string", reader.TokenType);
        }

        var ok = false;
        if (!reader.ValueIsEscaped)
        {
            ok = Rfc3339.TryParse(reader.ValueSpan, out value);
        }
        else if (reader.ValueSpan.Length <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            var written = reader.CopyString(buffer);
            ok = Rfc3339.TryParse(buffer[..written], out value);
        }

        if (ok && value < EarliestTimestamp)
        {
            // Nanoseconds since 1970 in a signed 64-bit integer (line protocol's timestamps) start in 1677.
            return new Rejection(RejectionCode.InvalidTimestamp, path.Value, $"must be on or after 1678-01-01 (the earliest time metrics can carry), got {JsonText.Quote(ref reader)}");
        }

        return ok
            ? null
            : new Rejection(
                RejectionCode.InvalidTimestamp,
                path.Value,
                $"must be an RFC 3339 date-time with an offset or Z (for example 2026-11-26T16:00:00.125Z), got {JsonText.Quote(ref reader)}");
    }
}
