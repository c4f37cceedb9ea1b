using System.Text;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

using CompressionSafety.Engine.Output;

namespace CompressionSafety.Files;

/// <summary>
/// Writes window metrics and incident state changes as InfluxDB line protocol to a file (the embedded default when no
/// InfluxDB is configured), so the file can be written into InfluxDB as it stands.
/// </summary>
public sealed class LineProtocolFileSink : IMetricsSink, IIncidentSink
{
    private readonly StreamWriter _writer;
    private readonly StringBuilder _buffer = new();
    private readonly Lock _gate = new();

    /// <summary>Creates <paramref name="path"/>, truncating it unless <paramref name="append"/> is set.</summary>
    /// <param name="path">The file.</param>
    /// <param name="append">
    /// Keep what the file holds and add to it: the worker's file outlives a restart, because the windows written
    /// before a stop are behind the committed offset and never come again. A one-shot run (replay) starts afresh.
    /// </param>
    public LineProtocolFileSink(string path, bool append = false)
    {
        // Buffers of 64 KiB: a window's points are a few KiB, and the defaults (1 Ki characters, a 4 KiB file buffer)
        // made several write system calls of every window. Flushed at each FlushAsync as before.
        var file = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
    }

    /// <inheritdoc />
    public void Write(WindowResult result)
    {
        lock (_gate)
        {
            _buffer.Clear();
            LineProtocol.Append(_buffer, result);
            _writer.Write(_buffer);
        }
    }

    /// <summary>Appends the point of one incident state change (<see cref="LineProtocol.AppendIncident"/>).</summary>
    public void Publish(Incident incident)
    {
        lock (_gate)
        {
            _buffer.Clear();
            LineProtocol.AppendIncident(_buffer, incident);
            _writer.Write(_buffer);
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        // StreamWriter is not safe for concurrent use; a synchronous flush under the same lock as Write keeps it simple.
        lock (_gate)
        {
            _writer.Flush();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
