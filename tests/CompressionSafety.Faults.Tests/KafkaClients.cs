using System.Text;
using CompressionSafety.Kafka.Native;
using Confluent.Kafka;

namespace CompressionSafety.Faults.Tests;

/// <summary>The test's own Kafka clients: the producer of the stream, the group's committed offset, a topic read to its end.</summary>
internal static class KafkaClients
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("toxicity-guard");

    /// <summary>Sends the lines in order to partition 0 (idempotent, every delivery awaited): the stream replay reads.</summary>
    public static void Produce(string bootstrap, string topic, IEnumerable<byte[]> lines)
    {
        RdKafkaLibrary.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            // Long enough to ride out a broker outage the test makes on purpose.
            MessageTimeoutMs = (int)Deadline.Patience.TotalMilliseconds,
            ReconnectBackoffMs = 100,
            ReconnectBackoffMaxMs = 500,
        };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, _) => { }).Build();
        Error? failure = null;
        foreach (var line in lines)
        {
            producer.Produce(new TopicPartition(topic, 0), new Message<byte[], byte[]> { Key = Key, Value = line }, report =>
            {
                if (report.Error.IsError)
                {
                    failure ??= report.Error;
                }
            });
        }

        Assert.Equal(0, producer.Flush(Deadline.Patience));
        Assert.Null(failure);
    }

    /// <summary>The group's committed offset on partition 0 of <paramref name="topic"/>; 0 when nothing is committed.</summary>
    public static long Committed(string bootstrap, string group, string topic)
    {
        RdKafkaLibrary.EnsureLoaded();
        using var reader = new ConsumerBuilder<byte[], byte[]>(ConsumerConfig(bootstrap, group)).SetLogHandler(static (_, _) => { }).Build();
        var offset = reader.Committed([new TopicPartition(topic, 0)], TimeSpan.FromSeconds(10)).Single().Offset;
        return offset.IsSpecial ? 0 : offset.Value;
    }

    /// <summary>Every record of partition 0 of <paramref name="topic"/> from its start to its current end.</summary>
    public static List<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrap, string topic)
    {
        RdKafkaLibrary.EnsureLoaded();
        var config = ConsumerConfig(bootstrap, "reader-" + Guid.NewGuid().ToString("N"));
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + Deadline.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                return records;
            }

            records.Add(result);
        }

        Assert.Fail($"timed out reading {topic} to its end ({records.Count} records read)");
        return records;
    }

    private static ConsumerConfig ConsumerConfig(string bootstrap, string group) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        ReconnectBackoffMs = 100,
        ReconnectBackoffMaxMs = 500,
    };
}
