using Confluent.Kafka;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Tells which consumed records a rebalance has made stale. Records are consumed a batch ahead of the engines
/// (<see cref="ParseAhead"/>), and a rebalance handler can run inside the poll that fills the next batch: a record
/// consumed before its partition was revoked, lost or assigned again must not be handled (its new owner, or this
/// worker from the restored position, reads it again). Every rebalance callback starts an epoch; each record keeps the
/// epoch it was consumed in. Consume-thread only.
/// </summary>
internal sealed class AssignmentEpochs
{
    // Per partition, the epoch of the last callback that assigned, revoked or lost it.
    private readonly Dictionary<TopicPartition, long> _touched = [];

    /// <summary>The epoch a record consumed now belongs to.</summary>
    public long Current { get; private set; }

    /// <summary>A rebalance callback assigned, revoked or lost <paramref name="partitions"/>: a new epoch starts.</summary>
    public void Touch(IEnumerable<TopicPartition> partitions)
    {
        Current++;
        foreach (var partition in partitions)
        {
            _touched[partition] = Current;
        }
    }

    /// <summary>True when a callback touched <paramref name="partition"/> after a record of it was consumed in <paramref name="consumedIn"/>.</summary>
    public bool IsStale(TopicPartition partition, long consumedIn) =>
        consumedIn != Current && _touched.TryGetValue(partition, out var touched) && touched > consumedIn;
}
