using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;

namespace CompressionSafety.Cli.Replay;

/// <summary>Where a line came from, with its bytes (valid while the replay loop handles the line), for dead letters.</summary>
/// <param name="Path">The input file.</param>
/// <param name="LineNumber">1-based line number.</param>
/// <param name="Raw">The line's bytes (the kept prefix of an oversized line).</param>
/// <param name="RawLength">The line's full length in bytes.</param>
internal readonly record struct LineOrigin(string Path, long LineNumber, ReadOnlyMemory<byte> Raw, long RawLength);

/// <summary>
/// Reads and parses one input file on a thread of its own, one batch of lines ahead of the replay loop, so that
/// parsing (a third of a replay's time on one core) runs beside the engine on the other core. Lines come out in file
/// order, each with its record or its rejection; a read error (a truncated gzip file) comes out where it happened.
/// Memory is bounded: <see cref="BatchCount"/> batches of at most <see cref="BatchLines"/> lines circulate.
/// </summary>
internal sealed class ParsedLines : IDisposable
{
    /// <summary>Lines per batch.</summary>
    public const int BatchLines = 512;

    /// <summary>Batches in circulation (one being read, one being filled, the rest waiting).</summary>
    public const int BatchCount = 4;

    private readonly JsonLinesReader _reader;
    private readonly ParserOptions _parser;
    private readonly BlockingCollection<Batch> _free = new(BatchCount);
    private readonly BlockingCollection<Batch> _full = new(BatchCount);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _filling;
    private Batch? _current;
    private int _next;
    private bool _ended;

    public ParsedLines(JsonLinesReader reader, ParserOptions parser)
    {
        _reader = reader;
        _parser = parser;
        for (var i = 0; i < BatchCount; i++)
        {
            _free.Add(new Batch());
        }

        _filling = Task.Factory.StartNew(Fill, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The file's path.</summary>
    public string Path => _reader.Path;

    /// <summary>
    /// Moves to the next line: false at the end of the file. A read error of the file is thrown here, after every line
    /// before it.
    /// </summary>
    public bool MoveNext(out ParsedLine line)
    {
        while (!_ended)
        {
            if (_current is not null && _next < _current.Count)
            {
                line = _current.Lines[_next++];
                return true;
            }

            if (_current is { } done)
            {
                // Every line of the batch has been handled (the loop handles a line before it asks for the next).
                _current = null;
                if (done.Error is { } error)
                {
                    _ended = true;
                    ExceptionDispatchInfo.Capture(error).Throw();
                }

                if (done.Last)
                {
                    _ended = true;
                    break;
                }

                done.Reset();
                _free.Add(done);
            }

            _current = _full.Take();
            _next = 0;
        }

        line = default;
        return false;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _filling.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a free batch: the loop ended early (an error or cancellation).
        }

        _stop.Dispose();
        _free.Dispose();
        _full.Dispose();
        _reader.Dispose();
    }

    private void Fill()
    {
        var batch = _free.Take(_stop.Token);
        try
        {
            while (_reader.MoveNext())
            {
                var raw = _reader.Current.Span;
                if (!batch.Fits(raw.Length))
                {
                    _full.Add(batch, _stop.Token);
                    batch = _free.Take(_stop.Token);
                }

                var bytes = batch.Keep(raw);
                var origin = new LineOrigin(_reader.Path, _reader.LineNumber, bytes, _reader.CurrentLength);
                if (raw.Trim(" \t"u8).IsEmpty && !_reader.Oversized)
                {
                    // Blank lines (a trailing newline, spacing) are not records.
                    batch.Add(new ParsedLine(null, null, origin));
                    continue;
                }

                var parsed = _reader.Oversized
                    ? MonitorPipeline.Oversized(_reader.CurrentLength, _parser)
                    : MonitorPipeline.Parse(raw, _parser);
                batch.Add(new ParsedLine(parsed.Record, parsed.Rejection, origin));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Handed to the loop, which throws it after the lines read before it.
            batch.Error = ex;
        }

        batch.Last = true;
        _full.Add(batch, _stop.Token);
    }

    /// <summary>Lines of the file with their bytes in one buffer.</summary>
    private sealed class Batch
    {
        private byte[] _bytes = new byte[1 << 18];
        private int _used;

        public ParsedLine[] Lines { get; } = new ParsedLine[BatchLines];

        public int Count { get; private set; }

        public Exception? Error { get; set; }

        public bool Last { get; set; }

        /// <summary>True when a line of <paramref name="length"/> bytes can still join this batch (an empty batch takes any line).</summary>
        public bool Fits(int length)
        {
            if (Count == 0)
            {
                if (length > _bytes.Length)
                {
                    _bytes = new byte[length];
                }

                return true;
            }

            return Count < BatchLines && _used + length <= _bytes.Length;
        }

        public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> raw)
        {
            raw.CopyTo(_bytes.AsSpan(_used));
            var kept = new ReadOnlyMemory<byte>(_bytes, _used, raw.Length);
            _used += raw.Length;
            return kept;
        }

        public void Add(ParsedLine line) => Lines[Count++] = line;

        public void Reset()
        {
            Array.Clear(Lines, 0, Count);
            Count = 0;
            _used = 0;
        }
    }
}

/// <summary>One line of an input file: a parsed record, a rejection, or (neither) a blank line.</summary>
/// <param name="Record">The record, when the line is one.</param>
/// <param name="Rejection">Why the line is not a record, when it is not blank.</param>
/// <param name="Origin">Where the line came from.</param>
internal readonly record struct ParsedLine(InferenceRecord? Record, Rejection? Rejection, LineOrigin Origin)
{
    /// <summary>True for a blank line.</summary>
    public bool Blank => Record is null && Rejection is null;
}
