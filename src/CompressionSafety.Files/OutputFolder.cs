using System.Buffers;
using System.Text.Unicode;
using System.Text.Encodings.Web;
using System.Text.Json;
using CompressionSafety.Engine.Windows;

using CompressionSafety.Engine.Output;

namespace CompressionSafety.Files;

/// <summary>
/// The file outputs of a run, as <c>replay</c> and <c>demo</c> write them into one folder: <c>windows.jsonl</c>,
/// <c>dead-letter.jsonl</c>, <c>metrics.lp</c> and <c>summary.json</c> (formats in <c>docs/outputs.md</c>).
/// </summary>
public sealed class OutputFolder : IAsyncDisposable
{
    // Files are read by people and tools, not embedded in HTML: escape only what JSON requires, so quotes stay quotes.
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _windows;
    private readonly FileStream _deadLetters;
    private readonly LineProtocolFileSink _metrics;
    private readonly Utf8JsonWriter _windowWriter;
    private readonly Utf8JsonWriter _deadLetterWriter;

    // Each line is written into memory and handed to its file in one piece: a JSON writer on the file itself flushes
    // the file on every line (a write system call per window, a fifth of replay's main thread).
    private readonly ArrayBufferWriter<byte> _windowLine = new(1 << 14);
    private readonly ArrayBufferWriter<byte> _deadLetterLine = new(1 << 12);

    /// <summary>The files a run writes into its folder; <see cref="Prepare"/> removes an earlier run's copies of them.</summary>
    public static IReadOnlyList<string> RunFiles { get; } =
        ["windows.jsonl", "dead-letter.jsonl", "metrics.lp", "summary.json", "incidents.jsonl", "review.jsonl"];

    /// <summary>Creates the folder if needed, removes an earlier run's files (<see cref="Prepare"/>) and creates the output files.</summary>
    public OutputFolder(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Prepare(directory);
        DirectoryPath = directory;
        _windows = Create("windows.jsonl");
        _deadLetters = Create("dead-letter.jsonl");
        _metrics = new LineProtocolFileSink(System.IO.Path.Combine(directory, "metrics.lp"));
        _windowWriter = new Utf8JsonWriter(_windowLine, LineOptions);
        _deadLetterWriter = new Utf8JsonWriter(_deadLetterLine, LineOptions);
    }

    /// <summary>The folder written to.</summary>
    public string DirectoryPath { get; }

    /// <summary>Window results written.</summary>
    public long WindowCount { get; private set; }

    /// <summary>Dead letters written.</summary>
    public long DeadLetterCount { get; private set; }

    /// <summary>Appends one window result to <c>windows.jsonl</c> and its points to <c>metrics.lp</c>.</summary>
    public void WriteWindow(WindowResult result)
    {
        WindowResultJson.Write(_windowWriter, result);
        WriteLine(_windowWriter, _windowLine, _windows);
        _metrics.Write(result);
        WindowCount++;
    }

    /// <summary>Appends the point of one incident state change to <c>metrics.lp</c>, beside the window points.</summary>
    public void WriteIncident(Engine.Rules.Incident incident) => _metrics.Publish(incident);

    /// <summary>Appends one dead letter to <c>dead-letter.jsonl</c>.</summary>
    public void WriteDeadLetter(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var writer = _deadLetterWriter;
        writer.WriteStartObject();
        writer.WriteString("source", letter.Source);
        writer.WriteNumber("line", letter.Position);
        writer.WriteString("reason", letter.Reason);
        if (letter.Field is not null)
        {
            writer.WriteString("field", letter.Field);
        }

        writer.WriteString("message", letter.Message);
        if (Utf8.IsValid(letter.Raw.Span))
        {
            writer.WriteString("raw", letter.Raw.Span);
        }
        else
        {
            // Bytes that are not UTF-8 cannot be a JSON string; base64 keeps them intact.
            writer.WriteBase64String("raw_base64", letter.Raw.Span);
        }

        if (letter.Truncated)
        {
            writer.WriteBoolean("raw_truncated", true);
            writer.WriteNumber("raw_bytes", letter.RawLength);
        }

        writer.WriteEndObject();
        WriteLine(writer, _deadLetterLine, _deadLetters);
        DeadLetterCount++;
    }

    /// <summary>Writes <c>summary.json</c> (indented) from a callback that writes the object's properties.</summary>
    public void WriteSummary(Action<Utf8JsonWriter> writeProperties)
    {
        ArgumentNullException.ThrowIfNull(writeProperties);
        using var stream = Create("summary.json");
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writeProperties(writer);
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Flushes every file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _windows.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _deadLetters.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _metrics.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _windowWriter.DisposeAsync().ConfigureAwait(false);
        await _deadLetterWriter.DisposeAsync().ConfigureAwait(false);
        await _windows.DisposeAsync().ConfigureAwait(false);
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        await _metrics.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="directory"/> ready for a new run, so nothing of an earlier run is mixed into it (a run
    /// without rules writes no <c>incidents.jsonl</c>; the earlier one would otherwise be read as this run's): creates
    /// it, checks that it can be written, and deletes the <see cref="RunFiles"/> it holds. Other files are left alone.
    /// </summary>
    /// <returns>The names of the earlier run's files removed, in <see cref="RunFiles"/> order.</returns>
    /// <exception cref="OutputFolderException">The path is a file, or the folder cannot be created or written.</exception>
    public static IReadOnlyList<string> Prepare(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(directory))
        {
            throw new OutputFolderException($"{directory} is a file, not a folder");
        }

        var removed = new List<string>();
        try
        {
            Directory.CreateDirectory(directory);
            var probe = System.IO.Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            foreach (var name in RunFiles)
            {
                var path = System.IO.Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    removed.Add(name);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write to {directory}: {ex.Message}", ex);
        }

        return removed;
    }

    private static void WriteLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> line, FileStream file)
    {
        writer.Flush();
        line.GetSpan(1)[0] = (byte)'\n';
        line.Advance(1);
        file.Write(line.WrittenSpan);
        line.ResetWrittenCount();
        writer.Reset();
    }

    private FileStream Create(string name) =>
        new(System.IO.Path.Combine(DirectoryPath, name), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
}
