using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Parses batches of consumed records on a thread of its own, so that parsing (a quarter of the consume thread's
/// time) runs beside the engine on the other core: the consume loop hands over one batch and meanwhile runs the
/// previous one through the engine (docs/performance.md, "The worker"). The parser is pure (bytes in, record or
/// rejection out); everything with state (the engines, the offsets, the rebalance handlers) stays on the consume
/// thread. One thread for the life of the loop, so the parser's per-thread string pool keeps handing out the same
/// instances, which the engine's key cache relies on for speed.
/// </summary>
internal sealed class ParseAhead : IDisposable
{
    private readonly ParserOptions _parser;
    private readonly BlockingCollection<ConsumedBatch> _queue = new(boundedCapacity: 2);
    private readonly Thread _thread;

    public ParseAhead(ParserOptions parser)
    {
        _parser = parser;
        _thread = new Thread(Run) { IsBackground = true, Name = "cs-parse" };
        _thread.Start();
    }

    /// <summary>Starts parsing <paramref name="batch"/>; <see cref="ConsumedBatch.WaitParsed"/> waits for the result.</summary>
    public void Submit(ConsumedBatch batch) => _queue.Add(batch);

    /// <summary>Parses what was submitted, then ends the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            batch.Parse(_parser);
        }
    }
}

/// <summary>
/// Records consumed together, each with the assignment epoch it was consumed in, and their parse results once
/// <see cref="ParseAhead"/> has them. Reused: <see cref="Reset"/> empties it for the next batch.
/// </summary>
internal sealed class ConsumedBatch : IDisposable
{
    /// <summary>Records per batch: small enough that handing over costs no latency worth the name (well under a millisecond of parsing).</summary>
    public const int Capacity = 256;

    private readonly ConsumeResult<byte[]?, byte[]?>[] _results = new ConsumeResult<byte[]?, byte[]?>[Capacity];
    private readonly long[] _epochs = new long[Capacity];
    private readonly ParseResult[] _parsed = new ParseResult[Capacity];
    private readonly ManualResetEventSlim _done = new(false);
    private Exception? _failure;

    public int Count { get; private set; }

    /// <summary>The next record to handle: records before it were handled (or skipped as stale).</summary>
    public int Next { get; set; }

    public bool IsFull => Count == Capacity;

    public void Add(ConsumeResult<byte[]?, byte[]?> result, long epoch)
    {
        _results[Count] = result;
        _epochs[Count] = epoch;
        Count++;
    }

    public ConsumeResult<byte[]?, byte[]?> Result(int index) => _results[index];

    public long Epoch(int index) => _epochs[index];

    public ParseResult Parsed(int index) => _parsed[index];

    /// <summary>Blocks until the batch is parsed; a failure of the parser is thrown here, on the consume thread.</summary>
    public void WaitParsed()
    {
        _done.Wait();
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    public void Reset()
    {
        Array.Clear(_results, 0, Count);
        Array.Clear(_parsed, 0, Count);
        Count = 0;
        Next = 0;
        _failure = null;
        _done.Reset();
    }

    public void Dispose() => _done.Dispose();

    /// <summary>On the parse thread.</summary>
    internal void Parse(ParserOptions parser)
    {
        try
        {
            for (var i = 0; i < Count; i++)
            {
                _parsed[i] = MonitorPipeline.Parse(_results[i].Message.Value ?? [], parser);
            }
        }
#pragma warning disable CA1031 // Whatever the parser throws is rethrown on the consume thread, which stops the worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ex;
        }
        finally
        {
            _done.Set();
        }
    }
}
