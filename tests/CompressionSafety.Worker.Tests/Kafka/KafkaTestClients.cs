using System.Diagnostics;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Kafka.Publishing;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Kafka;

/// <summary>Client settings and helpers shared by the tests that run against the mock cluster.</summary>
internal static class KafkaTestClients
{
    private static int s_sequence;

    /// <summary>The longest any test waits for Kafka before failing; a safety net, not a sleep.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static string UniqueName(string prefix) =>
        $"{prefix}-{Interlocked.Increment(ref s_sequence)}-{Guid.NewGuid():N}";

    public static string CreateTopic(MockKafkaCluster cluster, int partitions, string prefix = "t")
    {
        var topic = UniqueName(prefix);
        cluster.CreateTopic(topic, partitions);
        return topic;
    }

    public static MockKafkaCluster StartCluster(int brokers = 1)
    {
        var cluster = new MockKafkaCluster(brokers);
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        return cluster;
    }

    public static ConsumerConfig ConsumerConfig(MockKafkaCluster cluster, string groupId) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        SessionTimeoutMs = 2000,
        HeartbeatIntervalMs = 500,
        ReconnectBackoffMs = 100,
        ReconnectBackoffMaxMs = 500,
    };

    public static KafkaPublisherSettings PublisherSettings(MockKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        MessageTimeout = TimeSpan.FromSeconds(15),
        ClientProperties = new Dictionary<string, string>
        {
            ["retry.backoff.ms"] = "50",
            ["reconnect.backoff.ms"] = "100",
            ["reconnect.backoff.max.ms"] = "500",
        },
    };

    /// <summary>The group's committed offset of partition 0 of <paramref name="topic"/> (<c>Offset.Unset</c> when none).</summary>
    public static long Committed(MockKafkaCluster cluster, string groupId, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ConsumerConfig(cluster, groupId)).Build();
        var committed = consumer.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10));
        return committed.Single().Offset.Value;
    }

    public static OutgoingRecord Record(string topic, int i) =>
        new(topic, BitConverter.GetBytes(i), BitConverter.GetBytes(i));

    /// <summary>Consumes with a group until <paramref name="count"/> records arrived or <see cref="Patience"/> ran out.</summary>
    public static List<ConsumeResult<byte[], byte[]>> Consume(MockKafkaCluster cluster, string topic, string groupId, int count)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(ConsumerConfig(cluster, groupId))
            .SetLogHandler(static (_, _) => { })
            .Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<byte[], byte[]>>(count);
        var clock = Stopwatch.StartNew();
        while (results.Count < count && clock.Elapsed < Patience)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }
}
