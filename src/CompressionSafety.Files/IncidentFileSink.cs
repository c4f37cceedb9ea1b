using System.Text.Encodings.Web;
using System.Text.Json;
using CompressionSafety.Engine.Rules;


namespace CompressionSafety.Files;

/// <summary>Writes <c>incidents.jsonl</c>: one line per firing or resolved state change.</summary>
public sealed class IncidentFileSink : IIncidentSink, IDisposable
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates (truncates) <paramref name="path"/>.</summary>
    public IncidentFileSink(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 14);
        _writer = new Utf8JsonWriter(_file, LineOptions);
    }

    /// <summary>Lines written.</summary>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public void Publish(Incident incident)
    {
        IncidentJson.Write(_writer, incident);
        _writer.Flush();
        _file.WriteByte((byte)'\n');
        _writer.Reset();
        Count++;
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
