using CompressionSafety.Cli.Producing;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Simulation;
using Confluent.Kafka;

namespace CompressionSafety.Cli.Tests;

/// <summary>
/// Labels produced by <c>produce</c> land on their prediction's partition, so one engine per partition (the worker)
/// joins exactly the labels a single engine over the whole stream (replay) joins.
/// </summary>
public sealed class ProducerPartitioningTests
{
    [Fact]
    public async Task Run_ThreePartitions_PerPartitionJoinEqualsReplay()
    {
        var options = new GeneratorOptions
        {
            Records = 6000,
            Duration = TimeSpan.FromHours(2),
            Seed = 5,
            MinLabelDelay = TimeSpan.FromMinutes(1),
            MaxLabelDelay = TimeSpan.FromMinutes(20),
        };
        using var cluster = new MockKafkaCluster();
        var topic = "partitioned-" + Guid.NewGuid().ToString("N");
        cluster.CreateTopic(topic, partitions: 3);

        var delivered = await new GeneratedStreamProducer(cluster.BootstrapServers, topic, speed: 1e9, TimeProvider.System)
            .RunAsync(options, null, CancellationToken.None);

        var replay = new WindowEngine(new EngineOptions());
        foreach (var line in StreamGenerator.Generate(options))
        {
            if (RecordParser.Parse(line.Utf8.Span).Record is { } record)
            {
                replay.Process(record);
            }
        }

        var perPartition = Enumerable.Range(0, 3).Select(_ => new WindowEngine(new EngineOptions())).ToArray();
        var received = 0L;
        foreach (var (partition, value) in ReadAll(cluster, topic, delivered))
        {
            received++;
            if (RecordParser.Parse(value).Record is { } record)
            {
                perPartition[partition].Process(record);
            }
        }

        Assert.Equal(delivered, received);
        Assert.True(replay.Counters.LabelsJoined > 500, $"{replay.Counters.LabelsJoined} labels joined by replay");
        Assert.Equal(replay.Counters.LabelsJoined, perPartition.Sum(e => e.Counters.LabelsJoined));
        Assert.Equal(replay.Counters.LabelRecords, perPartition.Sum(e => e.Counters.LabelRecords));
    }

    /// <summary>Every record of every partition, in partition order, read from the start up to <paramref name="count"/> records.</summary>
    private static List<(int Partition, byte[] Value)> ReadAll(MockKafkaCluster cluster, string topic, long count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "read-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<(int, byte[])>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false, Message: { } message } result)
            {
                records.Add((result.Partition.Value, message.Value));
            }
        }

        return records;
    }
}
