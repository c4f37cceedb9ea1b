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

    /// <summary>Current counters.</summary>
    PublisherStatistics Statistics { get; }
}
