using CompressionSafety.Kafka.Native;
using CompressionSafety.Kafka.Publishing;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Kafka;

public sealed class MockKafkaClusterTests
{
    [Fact]
    public void EnsureLoaded_OnThisMachine_LoadsALibrdkafkaFromTheRedistPackage()
    {
        var path = RdKafkaLibrary.EnsureLoaded();

        Assert.EndsWith("librdkafka.so", path, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void EnsureLoaded_ConfluentClientCreatedToo_OnlyOneLibrdkafkaMappedInTheProcess()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var mapped = File.ReadLines("/proc/self/maps")
            .Where(l => l.EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('/', StringComparison.Ordinal))..])
            .Distinct()
            .ToList();

        Assert.Equal([RdKafkaLibrary.LoadedPath], mapped);
        Assert.True(Library.IsLoaded);
    }

    [Fact]
    public void Constructor_ThreeBrokers_ReportsOneBootstrapAddressPerBroker()
    {
        using var cluster = KafkaTestClients.StartCluster(brokers: 3);

        var addresses = cluster.BootstrapServers.Split(',');

        Assert.Equal(3, addresses.Length);
        Assert.All(addresses, a => Assert.Contains(":", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consume_ConsumerGroupOnMockTopic_ReceivesEveryProducedRecord()
    {
        using var cluster = KafkaTestClients.StartCluster();
        var topic = KafkaTestClients.CreateTopic(cluster, partitions: 3);
        await using (var publisher = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System))
        {
            for (var i = 0; i < 300; i++)
            {
                await publisher.PublishAsync(KafkaTestClients.Record(topic, i), default);
            }

            await publisher.FlushAsync(default);
            Assert.Equal(300, publisher.Statistics.Delivered);
        }

        var received = KafkaTestClients.Consume(cluster, topic, KafkaTestClients.UniqueName("g"), 300);

        Assert.Equal(Enumerable.Range(0, 300), received.Select(r => BitConverter.ToInt32(r.Message.Value)).Order());
        Assert.Equal(3, received.Select(r => r.Partition.Value).Distinct().Count());
    }

    [Fact]
    public void CreateTopic_AfterDispose_ThrowsObjectDisposed()
    {
        var cluster = KafkaTestClients.StartCluster();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("t", 1));
    }

    [Fact]
    public void CreateTopic_ZeroPartitions_ThrowsArgumentOutOfRange()
    {
        using var cluster = KafkaTestClients.StartCluster();

        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 0));
    }
}
