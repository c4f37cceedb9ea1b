using Confluent.Kafka;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Holds committable offsets back until the output records produced before them are delivered, so the consume loop
/// never waits for the broker's acknowledgements (a broker outage blocked it in a flush for ~38 s): at each commit point
/// the loop adds the offsets it could commit with the publisher's hand-over count at that moment; the offsets become
/// storable once the publisher has acknowledged that many records. Not thread-safe: the consume loop owns it.
/// </summary>
internal sealed class DeliveryGate
{
    private readonly Queue<(long Sequence, IReadOnlyList<TopicPartitionOffset> Offsets)> _waiting = new();

    /// <summary>Commit points waiting for deliveries.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Adds a commit point: <paramref name="offsets"/> may be stored once record <paramref name="sequence"/> and all before it are delivered.</summary>
    public void Add(long sequence, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count > 0)
        {
            _waiting.Enqueue((sequence, offsets));
        }
    }

    /// <summary>
    /// Removes the commit points whose records are all delivered (<paramref name="acknowledgedThrough"/>, as
    /// <c>IRecordPublisher.AcknowledgedThrough</c>) and returns, per partition, the latest offset among them.
    /// </summary>
    public List<TopicPartitionOffset> Release(long acknowledgedThrough)
    {
        var latest = new Dictionary<TopicPartition, Offset>();
        while (_waiting.TryPeek(out var point) && point.Sequence <= acknowledgedThrough)
        {
            _waiting.Dequeue();
            foreach (var offset in point.Offsets)
            {
                latest[offset.TopicPartition] = offset.Offset;
            }
        }

        return [.. latest.Select(p => new TopicPartitionOffset(p.Key, p.Value))];
    }

    /// <summary>Forgets a partition that is no longer assigned: its new owner commits it.</summary>
    public void Forget(TopicPartition partition)
    {
        var kept = _waiting
            .Select(p => (p.Sequence, Offsets: (IReadOnlyList<TopicPartitionOffset>)[.. p.Offsets.Where(o => o.TopicPartition != partition)]))
            .Where(p => p.Offsets.Count > 0)
            .ToList();
        _waiting.Clear();
        foreach (var point in kept)
        {
            _waiting.Enqueue(point);
        }
    }
}
