using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>
/// Notices an offset reset, which librdkafka does silently (<c>auto.offset.reset</c>): on assignment it notes where each
/// partition should start (the committed offset, or where the restored state resumes); the partition's first record
/// says where it did start. Starting before that offset means the position was out of range and reset to the earliest
/// record; starting after it while the log now begins later means retention deleted records never processed. A gap that
/// the log still holds (transaction markers, compaction) is not a reset. Not thread-safe: the consume loop owns it.
/// </summary>
internal sealed class OffsetResetWatch
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<TopicPartition, long> _expected = [];

    /// <summary>Notes where the newly assigned partitions should start.</summary>
    /// <param name="starts">The handler's answer: an explicit offset, or <see cref="Offset.Unset"/> for the committed one.</param>
    /// <param name="consumer">The consumer, to read the committed offsets.</param>
    /// <param name="logger">Where a failed lookup is logged (the check is then skipped for those partitions).</param>
    public void Expect(IReadOnlyList<TopicPartitionOffset> starts, IConsumer<byte[]?, byte[]?> consumer, ILogger logger)
    {
        var committed = starts.Where(s => s.Offset == Offset.Unset).Select(s => s.TopicPartition).ToList();
        foreach (var start in starts.Where(s => s.Offset.Value >= 0))
        {
            _expected[start.TopicPartition] = start.Offset.Value;
        }

        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var offset in consumer.Committed(committed, QueryTimeout).Where(o => o.Offset.Value >= 0))
            {
                _expected[offset.TopicPartition] = offset.Offset.Value;
            }
        }
        catch (KafkaException ex)
        {
            Diagnostics.Log.ClientError(logger, ex.Error.Code.ToString(), "committed offsets not read, offset resets of " + string.Join(",", committed) + " go unnoticed: " + ex.Error.Reason);
        }
    }

    /// <summary>Checks the first record of a partition after its assignment; null when it is where it should be.</summary>
    public OffsetReset? Check(IConsumer<byte[]?, byte[]?> consumer, TopicPartitionOffset record)
    {
        if (!_expected.Remove(record.TopicPartition, out var expected) || record.Offset.Value == expected)
        {
            return null;
        }

        if (record.Offset.Value < expected)
        {
            return new OffsetReset(record.Topic, record.Partition.Value, expected, record.Offset.Value, null);
        }

        try
        {
            var low = consumer.QueryWatermarkOffsets(record.TopicPartition, QueryTimeout).Low.Value;
            return low > expected ? new OffsetReset(record.Topic, record.Partition.Value, expected, record.Offset.Value, low) : null;
        }
        catch (KafkaException)
        {
            // Unknown: a gap is no proof of a reset.
            return null;
        }
    }

    /// <summary>Forgets a partition no longer assigned.</summary>
    public void Forget(TopicPartition partition) => _expected.Remove(partition);
}
