using CompressionSafety.Kafka.Publishing;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>A publisher whose deliveries are acknowledged only when the test says so: a broker that takes records and sits on them.</summary>
internal sealed class HeldPublisher : IRecordPublisher
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _accepted;
    private long _acknowledged;

    public long AcknowledgedThrough => Interlocked.Read(ref _acknowledged);

    public RecordPublishException? Fault => null;

    public PublisherStatistics Statistics => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _acknowledged),
        0,
        0,
        Interlocked.Read(ref _accepted) - Interlocked.Read(ref _acknowledged),
        0,
        null);

    public List<OutgoingRecord> Records { get; } = [];

    public ValueTask PublishAsync(OutgoingRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Records.Add(record);
            Interlocked.Increment(ref _accepted);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Acknowledges everything handed over so far.</summary>
    public void Release()
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            Interlocked.Exchange(ref _acknowledged, Interlocked.Read(ref _accepted));
            released = _released;
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _accepted);
        while (true)
        {
            Task released;
            lock (_gate)
            {
                if (Interlocked.Read(ref _acknowledged) >= target)
                {
                    return;
                }

                released = _released.Task;
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
