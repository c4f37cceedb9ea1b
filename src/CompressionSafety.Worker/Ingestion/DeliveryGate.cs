using Confluent.Kafka;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Holds committable offsets back until the output records produced before them are delivered, so the consume loop
/// never waits for the broker's acknowledgements (a broker outage blocked it in a flush for ~38 s): at each commit point
/// the loop adds the offsets it could commit with the publisher's hand-over count at that moment, and the state
/// snapshots that cover them when there is a changelog; the offsets become storable once the publisher has
/// acknowledged that many records and the snapshots are written. Not thread-safe: the consume loop owns it.
/// </summary>
internal sealed class DeliveryGate
{
    private readonly Queue<(long Sequence, IReadOnlyList<TopicPartitionOffset> Offsets, Task Snapshots)> _waiting = new();

    /// <summary>Commit points waiting for deliveries.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Adds a commit point: <paramref name="offsets"/> may be stored once record <paramref name="sequence"/> and all
    /// before it are delivered and <paramref name="snapshots"/> (the changelog write of this commit point) has completed.
    /// </summary>
    public void Add(long sequence, IReadOnlyList<TopicPartitionOffset> offsets, Task? snapshots = null)
    {
        if (offsets.Count > 0)
        {
            _waiting.Enqueue((sequence, offsets, snapshots ?? Task.CompletedTask));
        }
    }

    /// <summary>The changelog writes of the commit points still waiting, to wait for at shutdown.</summary>
    public Task Snapshots => Task.WhenAll(_waiting.Select(p => p.Snapshots));

    /// <summary>
    /// Removes the commit points whose records are all delivered (<paramref name="acknowledgedThrough"/>, as
    /// <c>IRecordPublisher.AcknowledgedThrough</c>) and whose snapshots are written, in order, and returns, per
    /// partition, the latest offset among them.
    /// </summary>
    /// <exception cref="Exception">A commit point's snapshots could not be written (the changelog's delivery error): committing past them would lose state.</exception>
    public List<TopicPartitionOffset> Release(long acknowledgedThrough)
    {
        var latest = new Dictionary<TopicPartition, Offset>();
        while (_waiting.TryPeek(out var point) && point.Sequence <= acknowledgedThrough && point.Snapshots.IsCompleted)
        {
            // A failed snapshot write stops the worker, as a lost output record does.
            point.Snapshots.GetAwaiter().GetResult();
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
            .Select(p => (p.Sequence, Offsets: (IReadOnlyList<TopicPartitionOffset>)[.. p.Offsets.Where(o => o.TopicPartition != partition)], p.Snapshots))
            .Where(p => p.Offsets.Count > 0)
            .ToList();
        _waiting.Clear();
        foreach (var point in kept)
        {
            _waiting.Enqueue(point);
        }
    }
}
