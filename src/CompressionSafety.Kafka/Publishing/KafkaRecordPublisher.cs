using CompressionSafety.Kafka.Native;
using Confluent.Kafka;

namespace CompressionSafety.Kafka.Publishing;

/// <summary>
/// Idempotent Kafka producer behind <see cref="IRecordPublisher"/>: every delivery report is checked, failed
/// sends are repeated with exponential back-off and jitter and counted, and a record given up on faults the
/// publisher rather than vanishing.
/// </summary>
internal sealed class KafkaRecordPublisher : IRecordPublisher
{
    private readonly KafkaPublisherSettings _settings;
    private readonly TimeProvider _time;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _order = new();
    // Sequence numbers of the records handed over and not delivered yet; the smallest bounds AcknowledgedThrough.
    private readonly SortedSet<long> _unacknowledged = [];
    private long _accepted;
    private long _delivered;
    private long _retries;
    private long _failed;
    private long _inFlight;
    private long _clientErrors;
    private volatile string? _lastError;
    private volatile RecordPublishException? _fault;
    private int _disposed;

    public KafkaRecordPublisher(KafkaPublisherSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxAttempts, 1);
        _settings = settings;
        _time = timeProvider;
        _slots = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        RdKafkaLibrary.EnsureLoaded();

        var config = new ProducerConfig
        {
            BootstrapServers = settings.BootstrapServers,
            ClientId = settings.ClientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = checked((int)settings.MessageTimeout.TotalMilliseconds),
            LingerMs = 5,
        };
        foreach (var (key, value) in settings.ClientProperties)
        {
            config.Set(key, value);
        }

        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler(OnClientError)
            .SetLogHandler(static (_, _) => { })
            .Build();
    }

    internal KafkaPublisherSettings Settings => _settings;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public PublisherStatistics Statistics => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _inFlight),
        Interlocked.Read(ref _clientErrors),
        _lastError);

    public long AcknowledgedThrough
    {
        get
        {
            lock (_order)
            {
                return _unacknowledged.Count == 0 ? Interlocked.Read(ref _accepted) : _unacknowledged.Min - 1;
            }
        }
    }

    public RecordPublishException? Fault => _fault;

    public async ValueTask PublishAsync(OutgoingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfFaulted();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        long sequence;
        lock (_order)
        {
            // Numbered and registered together, so AcknowledgedThrough never counts a record not yet registered.
            sequence = Interlocked.Increment(ref _accepted);
            _unacknowledged.Add(sequence);
        }

        Interlocked.Increment(ref _inFlight);
        Send(new Pending(record.Topic, ToMessage(record), 1, sequence));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var held = 0;
        try
        {
            // Holding every slot means nothing is in flight any more: each slot is released only on a
            // final outcome (delivered or given up on).
            for (; held < _settings.MaxInFlight; held++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (held > 0)
            {
                _slots.Release(held);
            }

            _flushGate.Release();
        }

        ThrowIfFaulted();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // Give in-flight records the close timeout (by default the client's own timeout) to land before giving up on them.
            _producer.Flush(_settings.CloseTimeout ?? _settings.MessageTimeout);
        }
        finally
        {
            await _disposing.CancelAsync().ConfigureAwait(false);
            _producer.Dispose();
            _disposing.Dispose();
        }
    }

    private static Message<byte[]?, byte[]> ToMessage(OutgoingRecord record)
    {
        var message = new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value };
        if (record.Headers is { Count: > 0 } headers)
        {
            message.Headers = [];
            foreach (var (name, value) in headers)
            {
                message.Headers.Add(name, value);
            }
        }

        return message;
    }

    private void Send(Pending pending)
    {
        try
        {
            _producer.Produce(pending.Topic, pending.Message, report => OnDelivered(pending, report));
        }
        catch (ProduceException<byte[]?, byte[]> ex)
        {
            // Local errors (queue full, unknown topic) arrive here instead of in a delivery report.
            OnSendFailed(pending, ex.Error);
        }
        catch (ObjectDisposedException)
        {
            GiveUp(pending, "publisher disposed before the record was delivered");
        }
    }

    private void OnDelivered(Pending pending, DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            OnSendFailed(pending, report.Error);
            return;
        }

        Interlocked.Increment(ref _delivered);
        lock (_order)
        {
            _unacknowledged.Remove(pending.Sequence);
        }

        Complete();
    }

    private void OnSendFailed(Pending pending, Error error)
    {
        _lastError = $"{error.Code}: {error.Reason}";
        if (error.IsFatal)
        {
            GiveUp(pending, $"fatal producer error {error.Code}: {error.Reason}");
            return;
        }

        if (pending.Attempt >= _settings.MaxAttempts || _disposing.IsCancellationRequested)
        {
            GiveUp(pending, $"not delivered after {pending.Attempt} attempts, last error {error.Code}: {error.Reason}");
            return;
        }

        Interlocked.Increment(ref _retries);
        _ = RetryLaterAsync(pending with { Attempt = pending.Attempt + 1 }, Backoff(pending.Attempt));
    }

    private async Task RetryLaterAsync(Pending pending, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            GiveUp(pending, "publisher disposed while waiting to resend");
            return;
        }

        Send(pending);
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _settings.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _settings.MaxBackoff.TotalMilliseconds);
        // Jitter spreads resends of a burst of failures instead of hitting a recovering broker in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private void GiveUp(Pending pending, string reason)
    {
        Interlocked.Increment(ref _failed);
        _lastError = reason;
        _fault ??= new RecordPublishException($"Record for topic '{pending.Topic}' was not delivered: {reason}.");
        Complete();
    }

    private void Complete()
    {
        Interlocked.Decrement(ref _inFlight);
        _slots.Release();
    }

    private void OnClientError(IProducer<byte[]?, byte[]> producer, Error error)
    {
        Interlocked.Increment(ref _clientErrors);
        _lastError = $"{error.Code}: {error.Reason}";
        if (error.IsFatal)
        {
            _fault ??= new RecordPublishException($"Fatal producer error {error.Code}: {error.Reason}.");
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new RecordPublishException(fault.Message, fault);
        }
    }

    private sealed record Pending(string Topic, Message<byte[]?, byte[]> Message, int Attempt, long Sequence);
}
