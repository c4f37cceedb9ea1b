using System.Globalization;
using System.Text;
using CompressionSafety.Kafka.Native;
using Confluent.Kafka;

namespace CompressionSafety.Kafka.State;

/// <summary>
/// Per-partition state kept in a compacted Kafka topic, the way Kafka Streams keeps a store's changelog: one record
/// per snapshot, keyed by the partition number, written to the changelog partition with the same number (modulo its
/// partition count), so compaction keeps the latest snapshot of every partition and restoring one partition reads one
/// changelog partition from its start to its end. Writes are idempotent and acknowledged by all replicas before
/// <see cref="Write"/> returns, so the input offsets a snapshot covers may be committed after it.
/// </summary>
public sealed class StateChangelog : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly string _topic;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly ConsumerConfig _restoreConfig;
    private int _partitions;

    /// <summary>Connects to the cluster; nothing is read or written until asked.</summary>
    /// <param name="bootstrapServers">Kafka <c>bootstrap.servers</c>.</param>
    /// <param name="topic">The changelog topic (create it with <c>cleanup.policy=compact</c>).</param>
    /// <param name="clientProperties">librdkafka properties for both clients (security settings).</param>
    public StateChangelog(string bootstrapServers, string topic, IReadOnlyDictionary<string, string> clientProperties)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(clientProperties);
        RdKafkaLibrary.EnsureLoaded();
        _topic = topic;
        var producerConfig = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 0,
            // Snapshots are large single records; the topic's max.message.bytes must allow them too.
            MessageMaxBytes = 64 * 1024 * 1024,
        };
        _restoreConfig = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Assigned, never subscribed: the group id is required by the client but no offsets are committed.
            GroupId = "compression-safety-restore",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxBytes = 64 * 1024 * 1024,
            MaxPartitionFetchBytes = 64 * 1024 * 1024,
        };
        foreach (var (key, value) in clientProperties)
        {
            producerConfig.Set(key, value);
            _restoreConfig.Set(key, value);
        }

        _producer = new ProducerBuilder<byte[], byte[]>(producerConfig).SetLogHandler(static (_, _) => { }).Build();
    }

    /// <summary>
    /// Hands snapshots to the producer without waiting for the broker (a broker outage must not stall the consume loop):
    /// the returned task completes once every one is acknowledged and faults with the first delivery error.
    /// </summary>
    /// <param name="snapshots">One snapshot per partition number.</param>
    /// <returns>The deliveries and the bytes handed over.</returns>
    public (Task Delivered, long Bytes) Write(IEnumerable<PartitionSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var pending = new List<Task<DeliveryResult<byte[], byte[]>>>();
        long bytes = 0;
        foreach (var snapshot in snapshots)
        {
            var value = SnapshotEnvelope.Write(snapshot);
            bytes += value.Length;
            var target = new TopicPartition(_topic, new Partition(snapshot.Partition % PartitionCount()));
            pending.Add(_producer.ProduceAsync(target, new Message<byte[], byte[]> { Key = KeyOf(snapshot.Partition), Value = value }));
        }

        // ProduceAsync faults with the delivery error once librdkafka has given up (its message timeout).
        return (Task.WhenAll(pending), bytes);
    }

    /// <summary>The latest snapshot of <paramref name="partition"/>: the changelog partition read from its start to its end.</summary>
    /// <param name="partition">The partition number.</param>
    /// <returns>The snapshot, or why there is none.</returns>
    public ChangelogRead Read(int partition)
    {
        var source = new TopicPartition(_topic, new Partition(partition % PartitionCount()));
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_restoreConfig).SetLogHandler(static (_, _) => { }).Build();
        var end = consumer.QueryWatermarkOffsets(source, ReadTimeout).High;
        if (end.Value <= 0)
        {
            return new ChangelogRead(null, "no snapshot in the changelog");
        }

        consumer.Assign(new TopicPartitionOffset(source, Offset.Beginning));
        var key = KeyOf(partition);
        byte[]? latest = null;
        var deadline = DateTime.UtcNow + ReadTimeout;
        long position = -1;
        while (position + 1 < end.Value)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"restoring partition {partition} from {_topic} did not reach offset {end.Value}"));
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { IsPartitionEOF: false, Message: { } message } result)
            {
                continue;
            }

            position = result.Offset.Value;
            if (message.Key is { } k && k.AsSpan().SequenceEqual(key))
            {
                // A null value is a tombstone: the partition's state was deleted.
                latest = message.Value;
            }
        }

        consumer.Close();
        return latest is null
            ? new ChangelogRead(null, "no snapshot in the changelog")
            : SnapshotEnvelope.Read(latest, partition);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _producer.Flush(ReadTimeout);
        _producer.Dispose();
    }

    private static byte[] KeyOf(int partition) => Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture));

    private int PartitionCount()
    {
        if (_partitions == 0)
        {
            using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
            var metadata = admin.GetMetadata(_topic, ReadTimeout);
            var count = metadata.Topics.SingleOrDefault(t => t.Topic == _topic)?.Partitions.Count ?? 0;
            if (count == 0)
            {
                throw new KafkaException(new Error(ErrorCode.UnknownTopicOrPart, $"the state changelog topic {_topic} does not exist"));
            }

            _partitions = count;
        }

        return _partitions;
    }
}
