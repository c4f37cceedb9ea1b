using CompressionSafety.Engine.Output;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>The batching delay runs on the injected clock, so a partial batch waits for it and no test sleeps.</summary>
public sealed class InfluxDbSinkScheduleTests
{
    [SkippableFact]
    public async Task Write_PartialBatch_IsSentWhenTheInjectedClockPassesTheScheduledDelay()
    {
        await using var server = await VictoriaMetricsServer.StartAsync();
        var clock = new FakeTimeProvider(TestData.Start);
        var options = TestData.Options(server.Url, queue: 1_000, batch: 100);
        options.ScheduledDelay = TimeSpan.FromMinutes(1);
        await using var sink = new InfluxDbMetricsSink(options, clock, NullLogger<InfluxDbMetricsSink>.Instance);

        sink.Write(TestData.Window(0));
        sink.Write(TestData.Window(1));

        // The loop arms its delay asynchronously, so step the clock until delivery and check how much time it took.
        var deliveredAt = TimeSpan.MaxValue;
        await VictoriaMetricsServer.WaitUntilAsync(
            () =>
            {
                if (sink.DeliveredPoints == 2)
                {
                    deliveredAt = clock.GetUtcNow() - TestData.Start;
                    return Task.FromResult(true);
                }

                Assert.Equal(0, sink.DeliveredPoints);
                clock.Advance(TimeSpan.FromSeconds(5));
                return Task.FromResult(false);
            },
            TimeSpan.FromSeconds(20),
            "delivery after the scheduled delay");

        Assert.InRange(deliveredAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        var series = Assert.Single(await server.ExportAsync(LineProtocol.WindowMeasurement + "_" + PointSchema.ValueField));
        Assert.Equal(2, series.Values.Count);
    }
}
