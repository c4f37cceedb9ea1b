using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>Reads the free-form maps: <c>segment</c> (string to string) and <c>input.features</c> (string to number).</summary>
internal static class MapReader
{
    public static Rejection? ReadStrings(ref Utf8JsonReader reader, string path, out IReadOnlyDictionary<string, string>? map)
    {
        map = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(path, "an object of string to string", reader.TokenType);
        }

        var result = default(MapBuilder<string>);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = StringPool.Get(ref reader);
            reader.Read();
            var error = FieldReader.ReadPooledString(ref reader, new FieldPath(path, key), out var value);
            if (error is not null)
            {
                return error;
            }

            if (!result.TryAdd(key, value))
            {
                return FieldReader.Duplicate(new FieldPath(path, key));
            }
        }

        map = result.Build();
        return null;
    }

    public static Rejection? ReadNumbers(ref Utf8JsonReader reader, string path, out IReadOnlyDictionary<string, double>? map)
    {
        map = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(path, "an object of string to number", reader.TokenType);
        }

        var result = default(MapBuilder<double>);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = StringPool.Get(ref reader);
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

        map = result.Build();
        return null;
    }
}
