using System.Text.Encodings.Web;
using System.Text.Json;
using CompressionSafety.Engine.Rules;

using CompressionSafety.Engine.Output;

namespace CompressionSafety.Files;

/// <summary>Writes <c>review.jsonl</c>: events the runtime guard routed to human review.</summary>
public sealed class ReviewFileWriter : IDisposable
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates (truncates) <paramref name="path"/>.</summary>
    public ReviewFileWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 14);
        _writer = new Utf8JsonWriter(_file, LineOptions);
    }

    /// <summary>Lines written.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one routed event: ids, key, reason, confidence and the predicted and shadow labels.</summary>
    public void Write(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var w = _writer;
        ReviewItemJson.Write(w, item);
        w.Flush();
        _file.WriteByte((byte)'\n');
        w.Reset();
        Count++;
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
