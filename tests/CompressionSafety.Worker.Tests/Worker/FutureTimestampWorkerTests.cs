using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Worker.Tests.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>The worker bounds event times by its injected clock as well as by the stream (issue 16).</summary>
public sealed class FutureTimestampWorkerTests
{
    [Fact]
    public async Task Run_RecordsDatedHoursAfterTheClock_AreDeadLetteredFutureTimestamp()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        // Three records that agree with each other, so only the clock can refuse them.
        await harness.ProduceAsync(TestStream.Predictions(3).Select(RecordWriter.ToJsonBytes));

        using var host = harness.BuildHost("metrics.lp", services =>
            services.AddSingleton<TimeProvider>(new ShiftedClock(TestStream.Start - TimeSpan.FromHours(3) - TimeProvider.System.GetUtcNow())));
        await host.StartAsync();
        var deadLetters = KafkaTestClients.Consume(cluster, harness.DeadLetterTopic, KafkaTestClients.UniqueName("dlq-reader"), 3);
        await host.StopAsync();

        Assert.All(deadLetters, d => Assert.Equal("future_timestamp", Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason))));
        Assert.Empty(harness.MetricsLines("metrics.lp"));
    }

    /// <summary>The system clock moved by a fixed offset; timestamps (intervals) are the system's.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
