namespace CompressionSafety.Kafka.Publishing;

/// <summary>
/// Publishes output records (incidents, review requests, dead letters) at least once. Nothing is dropped:
/// at most a bounded number of records is in flight and, when that many are, <see cref="PublishAsync"/>
/// waits for a free slot instead of dropping or buffering without bound.
/// </summary>
public interface IRecordPublisher : IAsyncDisposable
{
    /// <summary>Hands a record over; returns once it is in flight (not once it is delivered).</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the wait for a free slot.</param>
    /// <returns>A task that completes when the record is in flight.</returns>
    /// <exception cref="RecordPublishException">The publisher is faulted.</exception>
    ValueTask PublishAsync(OutgoingRecord record, CancellationToken cancellationToken);

    /// <summary>Waits until every record handed over so far is delivered or failed for good.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when nothing is in flight.</returns>
    /// <exception cref="RecordPublishException">A record was given up on: it is not on the topic.</exception>
    Task FlushAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many records, counted in hand-over order from the first, are all delivered: record <c>n</c> (1-based) is on
    /// its topic when <c>n</c> is at most this. A record given up on holds it back for good (and faults the publisher).
    /// Compare with <see cref="PublisherStatistics.Accepted"/> read after a hand-over to know when that record and all
    /// before it are durable, without waiting as <see cref="FlushAsync"/> does.
    /// </summary>
    long AcknowledgedThrough { get; }

    /// <summary>The error that faulted the publisher (a record given up on, a fatal client error), or null.</summary>
    RecordPublishException? Fault { get; }

    /// <summary>Current counters.</summary>
    PublisherStatistics Statistics { get; }

    /// <summary>
    /// Records accepted and not yet delivered or failed (<see cref="PublisherStatistics.InFlight"/>), without building
    /// the counters: the consume loop asks before every record.
    /// </summary>
    long InFlight => Statistics.InFlight;
}
