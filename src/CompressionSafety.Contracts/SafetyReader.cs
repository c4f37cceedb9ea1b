using System.Globalization;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads <c>safety</c>: <c>flagged</c>, <c>refused</c> and the optional <c>prompt_flagged</c> (booleans), <c>categories</c> (array of strings).</summary>
internal static class SafetyReader
{
    public static Rejection? Read(ref Utf8JsonReader reader, out SafetySignals? safety)
    {
        safety = null;
        bool? flagged = null;
        bool? refused = null;
        bool? promptFlagged = null;
        List<string>? categories = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var bit = reader.ValueTextEquals("flagged"u8) ? 1
                : reader.ValueTextEquals("refused"u8) ? 2
                : reader.ValueTextEquals("categories"u8) ? 4
                : reader.ValueTextEquals("prompt_flagged"u8) ? 8
                : 0;
            var name = bit switch { 1 => "safety.flagged", 2 => "safety.refused", 8 => "safety.prompt_flagged", _ => "safety.categories" };
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
                    error = FieldReader.ReadBoolean(ref reader, name, out var f);
                    flagged = f;
                    break;
                case 2:
                    error = FieldReader.ReadBoolean(ref reader, name, out var r);
                    refused = r;
                    break;
                case 8:
                    error = FieldReader.ReadBoolean(ref reader, name, out var p);
                    promptFlagged = p;
                    break;
                default:
                    error = ReadCategories(ref reader, name, out categories);
                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        safety = new SafetySignals(flagged, refused, categories is null ? [] : categories) { PromptFlagged = promptFlagged };
        return null;
    }

    private static Rejection? ReadCategories(ref Utf8JsonReader reader, string path, out List<string>? categories)
    {
        categories = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return FieldReader.WrongType(path, "an array of strings", reader.TokenType);
        }

        var result = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                var itemPath = path + "[" + result.Count.ToString(CultureInfo.InvariantCulture) + "]";
                return FieldReader.WrongType(itemPath, "a string", reader.TokenType);
            }

            result.Add(StringPool.Get(ref reader));
        }

        categories = result;
        return null;
    }
}
