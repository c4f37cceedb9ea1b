using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads a probabilities object: each value a finite number in [0, 1], all summing to 1 within a tolerance.</summary>
internal static class ProbabilitiesReader
{
    public static Rejection? Read(ref Utf8JsonReader reader, string path, double tolerance, out IReadOnlyDictionary<string, double>? probabilities)
    {
        probabilities = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(path, "an object of label to probability", reader.TokenType);
        }

        var result = default(MapBuilder<double>);
        var sum = 0.0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var label = StringPool.Get(ref reader);
            reader.Read();
            var error = ReadOne(ref reader, new FieldPath(path, label), out var p);
            if (error is not null)
            {
                return error;
            }

            if (!result.TryAdd(label, p))
            {
                return FieldReader.Duplicate(new FieldPath(path, label));
            }

            sum += p;
        }

        if (!(Math.Abs(sum - 1.0) <= tolerance))
        {
            return new Rejection(
                RejectionCode.InvalidProbabilities,
                path,
                string.Create(CultureInfo.InvariantCulture, $"probabilities sum to {sum:F4}, must be 1 within {tolerance}"));
        }

        probabilities = result.Build();
        return null;
    }

    private static Rejection? ReadOne(ref Utf8JsonReader reader, FieldPath path, out double p)
    {
        p = 0;
        if (reader.TokenType == JsonTokenType.String
            && (reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("Infinity"u8) || reader.ValueTextEquals("-Infinity"u8)))
        {
            // Some serialisers write non-finite doubles as these strings; name the real problem, not the type.
            return new Rejection(RejectionCode.InvalidProbabilities, path.Value, $"must be a finite number in [0, 1], got {JsonText.Quote(ref reader)}");
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return FieldReader.WrongType(path, "a number in [0, 1]", reader.TokenType);
        }

        if (!reader.TryGetDouble(out p) || !double.IsFinite(p))
        {
            return new Rejection(RejectionCode.InvalidProbabilities, path.Value, $"must be a finite number in [0, 1], got {JsonText.Quote(ref reader)}");
        }

        if (p is < 0 or > 1)
        {
            return new Rejection(RejectionCode.InvalidProbabilities, path.Value, $"must be a number in [0, 1], got {JsonText.Number(p)}");
        }

        return null;
    }
}
