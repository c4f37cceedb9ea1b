using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Native;
using CompressionSafety.Simulation;
using Confluent.Kafka;

namespace CompressionSafety.Cli.Producing;

/// <summary>
/// Streams a generated inference log to a Kafka topic in (accelerated) real time: a line is sent once the wall clock,
/// scaled by <c>speed</c>, has reached its event time, so windows close on the consumer as they would in production.
/// Predictions are keyed by model (one model's windows live on one partition), and so are labels: a label is keyed by
/// the model of the prediction it labels, so it lands on that prediction's partition and the per-partition join finds
/// it (docs/worker.md, "Labels across partitions"). A label whose prediction this run did not send, and an invalid line,
/// is keyed by its event id when it has one. Idempotent producer, every delivery report checked: a failed delivery stops the run
/// with an error rather than losing the record silently.
/// </summary>
/// <remarks>
/// With <see cref="ConsumedRecords"/> set, the producer never runs more than <see cref="MaxBytesAhead"/> ahead of the
/// consumer: a broker that keeps only a bounded log per partition (librdkafka's mock cluster keeps a few MiB) would
/// otherwise drop records nobody had read yet, and the run would lose data without an error.
/// </remarks>
internal sealed class GeneratedStreamProducer(string bootstrapServers, string topic, double speed, TimeProvider time)
{
    /// <summary>Records delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>How many records the consumer has handled so far, for the throttle; null produces at full speed.</summary>
    public Func<long>? ConsumedRecords { get; init; }

    /// <summary>The most bytes (estimated from the mean record size) the producer may be ahead of the consumer.</summary>
    public long MaxBytesAhead { get; init; } = 2 * 1024 * 1024;

    /// <summary>What was handed to the producer so far, by kind of line (predictions, labels, invalid, duplicates, late).</summary>
    public GenerationSummary Sent => new(
        _sentByKind[(int)GeneratedLineKind.Prediction],
        _sentByKind[(int)GeneratedLineKind.Label],
        _sentByKind[(int)GeneratedLineKind.Invalid],
        _sentByKind[(int)GeneratedLineKind.Duplicate],
        _sentByKind[(int)GeneratedLineKind.Late]);

    /// <summary>How often the producer waited for the consumer to catch up.</summary>
    public long ThrottleWaits { get; private set; }

    private readonly long[] _sentByKind = new long[Enum.GetValues<GeneratedLineKind>().Length];
    private long _delivered;

    // Event id -> model key of predictions sent and not yet labelled; bounded, oldest forgotten first.
    private const int MaxRemembered = 1_000_000;
    private readonly Dictionary<string, byte[]> _modelOf = new(StringComparer.Ordinal);
    private readonly Queue<string> _rememberedOrder = new();

    /// <summary>Generates the stream <paramref name="options"/> describe and produces it line by line.</summary>
    public Task<long> RunAsync(GeneratorOptions options, Action<long>? progress, CancellationToken cancellationToken) =>
        RunAsync(Keyed(StreamGenerator.Generate(options)), options.Start, progress, cancellationToken);

    /// <summary>
    /// Each line with its Kafka key (the partitioning described above), lazily and in order. The keys depend on the
    /// lines before (a label takes its prediction's key), so a sequence must be keyed from its first line on.
    /// </summary>
    public IEnumerable<KeyedLine> Keyed(IEnumerable<GeneratedLine> lines)
    {
        foreach (var line in lines)
        {
            var value = line.Utf8.ToArray();
            yield return new KeyedLine(line.Kind, line.Timestamp, value, KeyOf(value));
        }
    }

    /// <summary>
    /// Produces <paramref name="lines"/> (from <see cref="Keyed"/>), each once the scaled wall clock has reached its
    /// event time counted from <paramref name="start"/>, and returns once every record is delivered.
    /// </summary>
    public async Task<long> RunAsync(IEnumerable<KeyedLine> lines, DateTimeOffset start, Action<long>? progress, CancellationToken cancellationToken)
    {
        RdKafkaLibrary.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 20,
            MessageTimeoutMs = 120_000,
        };
        using var producer = new ProducerBuilder<byte[]?, byte[]>(config).Build();
        Exception? failure = null;
        var started = time.GetTimestamp();
        long sent = 0;
        long sentBytes = 0;
        foreach (var line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref failure) is { } error)
            {
                throw new KafkaException(new Error(ErrorCode.Local_Fail, "delivery failed: " + error.Message));
            }

            var due = TimeSpan.FromTicks((long)((line.Timestamp - start).Ticks / speed));
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                producer.Flush(TimeSpan.Zero);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            await WaitForConsumerAsync(producer, sent, sentBytes, cancellationToken).ConfigureAwait(false);
            var message = new Message<byte[]?, byte[]> { Key = line.Key, Value = line.Value };
            Produce(producer, message, ex => Interlocked.CompareExchange(ref failure, ex, null));
            _sentByKind[(int)line.Kind]++;
            sentBytes += line.Value.Length;
            if ((++sent & 0x3FF) == 0)
            {
                progress?.Invoke(sent);
            }
        }

        // Everything handed to librdkafka must be delivered (or reported failed) before we say we are done.
        while (producer.Flush(TimeSpan.FromSeconds(1)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (failure is not null)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, "delivery failed: " + failure.Message));
        }

        return Delivered;
    }

    private async Task WaitForConsumerAsync(IProducer<byte[]?, byte[]> producer, long sent, long sentBytes, CancellationToken cancellationToken)
    {
        if (ConsumedRecords is not { } consumed || sent == 0)
        {
            return;
        }

        var maxRecordsAhead = Math.Max(1, MaxBytesAhead / Math.Max(1, sentBytes / sent));
        if (sent - consumed() <= maxRecordsAhead)
        {
            return;
        }

        ThrottleWaits++;
        do
        {
            producer.Flush(TimeSpan.Zero);
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }
        while (sent - consumed() > maxRecordsAhead);
    }

    private void Produce(IProducer<byte[]?, byte[]> producer, Message<byte[]?, byte[]> message, Action<Exception> fail)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        fail(new KafkaException(report.Error));
                    }
                    else
                    {
                        Interlocked.Increment(ref _delivered);
                    }
                });
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: wait for deliveries to free the local queue instead of dropping the record.
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private byte[]? KeyOf(byte[] value)
    {
        switch (RecordParser.Parse(value).Record)
        {
            case PredictionRecord prediction:
                var model = System.Text.Encoding.UTF8.GetBytes(prediction.Model);
                if (prediction.Label is null && _modelOf.TryAdd(prediction.EventId, model))
                {
                    _rememberedOrder.Enqueue(prediction.EventId);
                    // Ids already labelled stay in the queue until their turn; removing them again is a no-op.
                    while (_rememberedOrder.Count > MaxRemembered && _rememberedOrder.TryDequeue(out var oldest))
                    {
                        _modelOf.Remove(oldest);
                    }
                }

                return model;
            case LabelRecord label:
                // Its prediction's key, so both reach the same partition (and engine); a repeated label finds none.
                return _modelOf.Remove(label.EventId, out var key) ? key : System.Text.Encoding.UTF8.GetBytes(label.EventId);
            default:
                return null;
        }
    }
}

/// <summary>A generated line ready to produce: its kind and event time, its bytes and its Kafka key (null: none).</summary>
internal readonly record struct KeyedLine(GeneratedLineKind Kind, DateTimeOffset Timestamp, byte[] Value, byte[]? Key);
