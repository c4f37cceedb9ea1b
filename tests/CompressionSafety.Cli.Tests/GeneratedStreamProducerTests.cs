using CompressionSafety.Cli.Producing;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Simulation;

namespace CompressionSafety.Cli.Tests;

public class GeneratedStreamProducerTests
{
    [Fact]
    public async Task RunAsync_ConsumerStalled_StopsWithinTheBoundInsteadOfRunningAhead()
    {
        using var cluster = new MockKafkaCluster();
        var topic = "throttle-" + Guid.NewGuid().ToString("N");
        cluster.CreateTopic(topic, partitions: 1);
        using var cancel = new CancellationTokenSource();
        GeneratedStreamProducer? producer = null;
        long lastSent = -1;
        var unchanged = 0;
        producer = new GeneratedStreamProducer(cluster.BootstrapServers, topic, speed: 1e9, TimeProvider.System)
        {
            MaxBytesAhead = 8 * 1024,
            // A consumer that never reads: once the producer stops sending while it asks, it is waiting for it.
            ConsumedRecords = () =>
            {
                var sent = producer!.Sent.Total;
                unchanged = sent == lastSent ? unchanged + 1 : 0;
                lastSent = sent;
                if (unchanged >= 20)
                {
                    cancel.Cancel();
                }

                return 0;
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer.RunAsync(new GeneratorOptions { Records = 5_000, Seed = 3 }, null, cancel.Token));

        // Records are a few hundred bytes: an 8 KiB bound allows a few dozen, never the 5,000 slots of the stream.
        Assert.InRange(producer.Sent.Total, 1, 100);
        Assert.True(producer.ThrottleWaits >= 1);
    }
}
