using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads the free-form maps: <c>segment</c> (string to string) and <c>input.features</c> (string to number).</summary>
internal static class MapReader
{
    public static Rejection? ReadStrings(ref Utf8JsonReader reader, string path, out Dictionary<string, string>? map)
    {
        map = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(path, "an object of string to string", reader.TokenType);
        }

        var result = new Dictionary<string, string>(4, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var error = FieldReader.ReadString(ref reader, new FieldPath(path, key), out var value);
            if (error is not null)
            {
                return error;
            }

            if (!result.TryAdd(key, value))
            {
                return FieldReader.Duplicate(new FieldPath(path, key));
            }
        }

        map = result;
        return null;
    }

    public static Rejection? ReadNumbers(ref Utf8JsonReader reader, string path, out Dictionary<string, double>? map)
    {
        map = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(path, "an object of string to number", reader.TokenType);
        }

        var result = new Dictionary<string, double>(4, StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var error = FieldReader.ReadFinite(ref reader, new FieldPath(path, key), out var value);
            if (error is not null)
            {
                return error;
            }

            if (!result.TryAdd(key, value))
            {
                return FieldReader.Duplicate(new FieldPath(path, key));
            }
        }

        map = result;
        return null;
    }
}
