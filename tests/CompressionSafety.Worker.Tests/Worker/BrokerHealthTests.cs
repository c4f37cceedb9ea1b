using System.Diagnostics.Metrics;
using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Health;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Tests.Kafka;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class BrokerHealthTests
{
    [Fact]
    public async Task Run_BrokerDownOnIdleTopic_ReadyAgainAsSoonAsBrokerIsBackWithoutRecords()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        var health = WorkerHarness.Health(host);
        await WorkerHarness.WaitUntil(() => health.Check().Status == WorkerHealthStatus.Healthy, "the assignment");

        cluster.SetBrokerDown();
        await WorkerHarness.WaitUntil(() => health.Check().Status == WorkerHealthStatus.Degraded, "health to report the outage");
        cluster.SetBrokerUp();

        // Not a single record is produced: readiness follows the broker connections, not the traffic.
        await WorkerHarness.WaitUntil(() => health.Check().Status == WorkerHealthStatus.Healthy, "health to recover");
        await host.StopAsync();
        Assert.Equal(0, health.RecordsHandled);
    }

    [Fact]
    public async Task Run_CommittedOffsetOutOfRange_ResetLoggedAndCounted()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        await harness.ProduceAsync(TestStream.Predictions(10).Select(RecordWriter.ToJsonBytes));
        // A committed offset the log does not hold (as after retention deleted it): librdkafka resets to the earliest.
        using (var committer = new ConsumerBuilder<byte[], byte[]>(KafkaTestClients.ConsumerConfig(cluster, harness.GroupId)).Build())
        {
            committer.Commit([new TopicPartitionOffset(harness.InputTopic, 0, 1000)]);
        }

        long resets = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "compression_safety.ingest.offset_resets")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref resets, value));
        listener.Start();

        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 10, "the records from the earliest offset");
        await host.StopAsync();

        Assert.Equal(1, Interlocked.Read(ref resets));
    }

    [Theory]
    [InlineData("""{"brokers":{"localhost:9092/bootstrap":{"nodeid":-1,"state":"INIT"},"localhost:9092/1":{"nodeid":1,"state":"UP"}}}""", true)]
    [InlineData("""{"brokers":{"localhost:9092/1":{"nodeid":1,"state":"CONNECT"},":0/internal":{"nodeid":-1,"state":"UP"}}}""", false)]
    [InlineData("""{"brokers":{}}""", false)]
    [InlineData("not json", false)]
    public void AnyBrokerUp_StatisticsReport_OnlyARealBrokerUpCounts(string json, bool expected) =>
        Assert.Equal(expected, BrokerStatistics.AnyBrokerUp(json));
}
