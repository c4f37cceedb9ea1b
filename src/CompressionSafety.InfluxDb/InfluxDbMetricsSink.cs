using System.Diagnostics.Metrics;
using System.Text;
using System.Threading.Channels;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using InfluxDB.Client.Core.Exceptions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace CompressionSafety.InfluxDb;

/// <summary>
/// Writes window metrics and incident state changes (both formatted by <see cref="LineProtocol"/>) to
/// InfluxDB 2.x, shaped like OpenTelemetry's batch exporter: a bounded queue of points, one export loop that sends
/// batches when full or after <see cref="InfluxDbOptions.ScheduledDelay"/>, retries with exponential back-off and
/// jitter while InfluxDB is unreachable (health <see cref="InfluxDbSinkHealth.Degraded"/>), and drains on disposal
/// within <see cref="InfluxDbOptions.ShutdownTimeout"/>. Overflow policy: when the queue is full the oldest queued
/// points are dropped (whole window results), counted and logged once per episode, so after an outage the dashboards
/// get the latest windows. <see cref="Write"/> never blocks.
/// </summary>
public sealed class InfluxDbMetricsSink : IMetricsSink, IIncidentSink
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly InfluxDbOptions _options;
    private readonly IPointExporter _exporter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Meter? _meter;
    private readonly Channel<PointBlock> _queue;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _loop;
    private TaskCompletionSource _progress = NewProgress();
    private long _queued;
    private long _accepted;
    private long _processed;
    private long _delivered;
    private long _dropped;
    private long _rejected;
    private int _inFlight;
    private int _flushRequests;
    private int _health;
    private int _dropEpisode;
    private int _disposed;

    /// <summary>Creates the sink and starts its export loop. The token is resolved as <see cref="InfluxDbOptions"/> describes.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="timeProvider">Clock for the batching delay and back-off.</param>
    /// <param name="logger">Logger; messages never carry the token.</param>
    /// <param name="meterFactory">Optional: publishes the counters as <c>compression_safety.influxdb.*</c> instruments.</param>
    public InfluxDbMetricsSink(InfluxDbOptions options, TimeProvider timeProvider, ILogger<InfluxDbMetricsSink> logger, IMeterFactory? meterFactory = null)
        : this(options, CreateExporter(options), timeProvider, logger, meterFactory)
    {
    }

    internal InfluxDbMetricsSink(InfluxDbOptions options, IPointExporter exporter, TimeProvider timeProvider, ILogger logger, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _exporter = exporter;
        _time = timeProvider;
        _logger = logger;
        // Unbounded channel, bounded by the point count in _queued: a result's points are accepted or dropped together.
        // Two readers: the export loop, and a writer making room by dropping the oldest blocks.
        _queue = Channel.CreateUnbounded<PointBlock>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        _pipeline = BuildPipeline();
        _meter = meterFactory is null ? null : CreateMeter(meterFactory);
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Points accepted into the queue.</summary>
    public long AcceptedPoints => Interlocked.Read(ref _accepted);

    /// <summary>Points InfluxDB acknowledged.</summary>
    public long DeliveredPoints => Interlocked.Read(ref _delivered);

    /// <summary>Points dropped: the oldest ones when the queue was full, or those left when the sink was disposed or the shutdown timeout passed.</summary>
    public long DroppedPoints => Interlocked.Read(ref _dropped);

    /// <summary>Points InfluxDB refused as malformed (HTTP 400, 413, 422); retrying them cannot help.</summary>
    public long RejectedPoints => Interlocked.Read(ref _rejected);

    /// <summary>
    /// Points waiting in the queue plus the batch in flight: at most <see cref="InfluxDbOptions.MaxQueueSize"/> plus
    /// <see cref="InfluxDbOptions.MaxExportBatchSize"/> (or one window result, when a single result is larger).
    /// </summary>
    public long BufferedPoints => Interlocked.Read(ref _queued) + Volatile.Read(ref _inFlight);

    /// <summary>Degraded while the last write attempt failed.</summary>
    public InfluxDbSinkHealth Health => (InfluxDbSinkHealth)Volatile.Read(ref _health);

    /// <inheritdoc />
    public void Write(WindowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var builder = t_builder ??= new StringBuilder(4096);
        builder.Clear();
        LineProtocol.Append(builder, result);
        var count = 0;
        foreach (var chunk in builder.GetChunks())
        {
            count += chunk.Span.Count('\n');
        }

        if (count > 0)
        {
            Enqueue(new PointBlock(builder.ToString(0, builder.Length - 1), count));
        }
    }

    /// <summary>Accepts one incident state change as a point (<see cref="LineProtocol.AppendIncident"/>) without blocking.</summary>
    public void Publish(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        Enqueue(new PointBlock(LineProtocol.FormatIncident(incident).TrimEnd('\n'), 1));
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _accepted);
        Interlocked.Increment(ref _flushRequests);
        try
        {
            Wake();
            while (true)
            {
                // Read the progress signal before the counter: the loop raises the counter before it completes the signal.
                var progress = Volatile.Read(ref _progress);
                if (Interlocked.Read(ref _processed) >= target || _loop.IsCompleted)
                {
                    return;
                }

                await progress.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _flushRequests);
        }
    }

    /// <summary>Stops accepting points, drains the queue for up to <see cref="InfluxDbOptions.ShutdownTimeout"/>, then drops and counts the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        Wake();
        using (var deadline = _time.CreateTimer(_ => _abandon.Cancel(), null, _options.ShutdownTimeout, Timeout.InfiniteTimeSpan))
        {
            await _loop.ConfigureAwait(false);
        }

        _exporter.Dispose();
        _meter?.Dispose();
        _abandon.Dispose();
        _wake.Dispose();
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static InfluxClientExporter CreateExporter(InfluxDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!InfluxTokenSource.TryResolve(options, out var token, out var problem))
        {
            throw new InvalidOperationException(problem);
        }

        return new InfluxClientExporter(options, token);
    }

    private static bool IsRejection(Exception exception) =>
        exception is InfluxException { Status: 400 or 413 or 422 };

    private void Enqueue(PointBlock block)
    {
        // A result larger than the whole queue can never fit: it is the one dropped.
        if (Volatile.Read(ref _disposed) == 0 && block.Count <= _options.MaxQueueSize)
        {
            var queued = Interlocked.Add(ref _queued, block.Count);
            var evicted = false;
            while (queued > _options.MaxQueueSize && _queue.Reader.TryRead(out var oldest))
            {
                queued = Interlocked.Add(ref _queued, -oldest.Count);
                Interlocked.Add(ref _dropped, oldest.Count);
                // Accepted earlier and now final: a flush waiting for them must not wait for an export that never comes.
                Interlocked.Add(ref _processed, oldest.Count);
                evicted = true;
            }

            // Still over when the export loop holds the rest: then the new block is the one dropped.
            if (queued <= _options.MaxQueueSize && _queue.Writer.TryWrite(block))
            {
                Interlocked.Add(ref _accepted, block.Count);
                if (evicted)
                {
                    NoteDrop();
                }
                else if (Volatile.Read(ref _dropEpisode) != 0)
                {
                    Volatile.Write(ref _dropEpisode, 0);
                }

                if (queued >= _options.MaxExportBatchSize)
                {
                    Wake();
                }

                return;
            }

            Interlocked.Add(ref _queued, -block.Count);
        }

        Interlocked.Add(ref _dropped, block.Count);
        if (Volatile.Read(ref _disposed) == 0)
        {
            NoteDrop();
        }
    }

    private void NoteDrop()
    {
        // One line per episode of drops, not one per point.
        if (Interlocked.Exchange(ref _dropEpisode, 1) == 0)
        {
            Log.BufferFull(_logger, _options.MaxQueueSize);
        }
    }

    private void Wake()
    {
        // One pending wake-up is enough; more would only spin the loop.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (ObjectDisposedException)
            {
                // Write raced with disposal; nothing is waiting any more.
            }
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<string>();
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await WaitForBatchAsync().ConfigureAwait(false);
            batch.Clear();
            var points = 0;
            // A batch holds whole blocks up to the batch size; a single larger block goes alone. A writer may take the
            // peeked block first (dropping the oldest), so the block read is the one counted.
            while (reader.TryPeek(out var next) && (points == 0 || points + next.Count <= _options.MaxExportBatchSize) && reader.TryRead(out var block))
            {
                Interlocked.Add(ref _queued, -block.Count);
                batch.Add(block.Lines);
                points += block.Count;
                Volatile.Write(ref _inFlight, points);
            }

            await ExportAsync(batch, points).ConfigureAwait(false);
            Volatile.Write(ref _inFlight, 0);
            Interlocked.Add(ref _processed, points);
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }

        Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
    }

    private async Task WaitForBatchAsync()
    {
        if (Interlocked.Read(ref _queued) >= _options.MaxExportBatchSize || Volatile.Read(ref _flushRequests) > 0 || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(_options.ScheduledDelay, _time, cancel.Token);
        var wake = _wake.WaitAsync(cancel.Token);
        await Task.WhenAny(delay, wake).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(delay, wake).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of the race above was cancelled on purpose.
        }
    }

    private async Task ExportAsync(List<string> batch, int points)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Exporter.ExportAsync(state.Batch, token).ConfigureAwait(false),
                (Exporter: _exporter, Batch: batch),
                _abandon.Token).ConfigureAwait(false);
            Interlocked.Add(ref _delivered, points);
            if (Interlocked.Exchange(ref _health, (int)InfluxDbSinkHealth.Healthy) == (int)InfluxDbSinkHealth.Degraded)
            {
                Log.Recovered(_logger);
            }
        }
        catch (Exception) when (_abandon.IsCancellationRequested)
        {
            Interlocked.Add(ref _dropped, points);
            Log.AbandonedAtShutdown(_logger, points);
        }
        catch (Exception exception) when (IsRejection(exception))
        {
            Interlocked.Add(ref _rejected, points);
            Log.Rejected(_logger, points, ((InfluxException)exception).Status, exception);
        }
    }

    private ResiliencePipeline BuildPipeline() =>
        new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                // Everything but a rejected payload is worth retrying: connection refused, timeouts, 5xx, 429, and
                // 401/403 (a rotated secret fixes itself on the next read). The bounded queue absorbs the outage.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => !IsRejection(exception) && !_abandon.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.InitialBackoff,
                MaxDelay = _options.MaxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    Interlocked.Exchange(ref _health, (int)InfluxDbSinkHealth.Degraded);
                    Log.ExportRetrying(_logger, Volatile.Read(ref _inFlight), args.AttemptNumber + 1, args.RetryDelay, BufferedPoints, args.Outcome.Exception);
                    return default;
                },
            })
            .Build();

    private Meter CreateMeter(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("CompressionSafety.InfluxDb");
        meter.CreateObservableCounter("compression_safety.influxdb.points.delivered", () => DeliveredPoints, "{point}", "Points InfluxDB acknowledged.");
        meter.CreateObservableCounter("compression_safety.influxdb.points.dropped", () => DroppedPoints, "{point}", "Points dropped because the buffer was full or at shutdown.");
        meter.CreateObservableCounter("compression_safety.influxdb.points.rejected", () => RejectedPoints, "{point}", "Points InfluxDB refused as malformed.");
        meter.CreateObservableUpDownCounter("compression_safety.influxdb.points.buffered", () => BufferedPoints, "{point}", "Points waiting for export.");
        return meter;
    }
}
