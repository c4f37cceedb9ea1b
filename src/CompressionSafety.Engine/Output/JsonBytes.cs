using System.Text.Encodings.Web;
using System.Text.Json;

namespace CompressionSafety.Engine.Output;

/// <summary>Writes one JSON value to compact UTF-8 bytes, for message values.</summary>
public static class JsonBytes
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bytes <paramref name="write"/> produces.</summary>
    public static byte[] Of(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
