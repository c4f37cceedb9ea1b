using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Output;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Tests.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class OutputsNeverBlockTests
{
    [Fact]
    public async Task Run_MetricsSinkNeverFlushes_RecordsProcessedAndOffsetsCommitted()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        await harness.ProduceAsync(predictions.Select(RecordWriter.ToJsonBytes));
        var sink = new StuckSink();

        using var host = harness.BuildHost("unused.lp", services => services.AddSingleton<IMetricsSink>(sink));
        await host.StartAsync();
        // A metrics outage never holds a commit: the open window [00:09, 00:10) is what holds it at 540.
        await WorkerHarness.WaitUntil(() => KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic) == 540, "the commit");
        Assert.Equal(600, WorkerHarness.Health(host).RecordsHandled);
        Assert.Equal(WorkerHealthStatus.Healthy, WorkerHarness.Health(host).Check().Status);
        await host.StopAsync();

        Assert.True(sink.Written > 0);
        // One flush in flight at a time, however many commit points passed while it hung.
        Assert.Equal(1, sink.Flushes);
    }

    [Fact]
    public async Task Run_DeliveriesUnacknowledged_LoopKeepsConsumingAndCommitWaitsForThem()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(660);
        var publisher = new HeldPublisher();
        var clock = new ManualTimeProvider();
        // Offset 0 is dead-lettered; its delivery is held until Release.
        await harness.ProduceAsync([Encoding.UTF8.GetBytes("not json"), .. predictions.Take(600).Select(RecordWriter.ToJsonBytes)]);
        using var host = harness.BuildHost("metrics.lp", services =>
        {
            services.AddSingleton<IRecordPublisher>(publisher);
            services.AddSingleton<TimeProvider>(clock);
        });
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 601, "the first records");

        // A commit point with the dead letter unacknowledged (before, it waited in a flush for the acknowledgement).
        clock.Advance(TimeSpan.FromSeconds(1));
        await harness.ProduceAsync(predictions.Skip(600).Select(RecordWriter.ToJsonBytes));
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 661, "the records after the commit point");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Offset.Unset.Value, KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic));

        publisher.Release();
        clock.Advance(TimeSpan.FromSeconds(1));
        // Window [00:10, 00:11) is open: its first record, 1 + 600, holds the commit.
        await WorkerHarness.WaitUntil(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic) == 601;
            },
            "the commit after the acknowledgement");
        await host.StopAsync();
        Assert.Equal("not_json", Encoding.UTF8.GetString(publisher.Records.Single().Headers!.Single(h => h.Key == DeadLetterHeaders.Reason).Value));
    }

    [Fact]
    public async Task Run_HalfTheInFlightBoundUnacknowledged_FetchingPausesAndResumesAfterAcknowledgement()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var publisher = new HeldPublisher();
        var log = new CapturedLog();
        await harness.ProduceAsync(Enumerable.Range(0, 10).Select(i => Encoding.UTF8.GetBytes("not json " + i)));
        using var host = harness.BuildHost(
            "metrics.lp",
            services =>
            {
                services.AddSingleton<IRecordPublisher>(publisher);
                services.AddLogging(logging => logging.AddProvider(log));
            },
            new Dictionary<string, string?> { ["Kafka:MaxInFlight"] = "4" });
        await host.StartAsync();

        // Two dead letters unacknowledged is half the bound: fetching pauses, the loop goes on polling.
        await WorkerHarness.WaitUntil(() => log.Has(1013), "the pause");
        Assert.Equal(2, publisher.Records.Count);
        Assert.NotEqual(WorkerHealthStatus.Unhealthy, WorkerHarness.Health(host).Check().Status);

        publisher.Release();
        await WorkerHarness.WaitUntil(() => log.Has(1014), "the resume");
        await WorkerHarness.WaitUntil(
            () =>
            {
                publisher.Release();
                return WorkerHarness.Health(host).RecordsHandled == 10;
            },
            "every record");
        await host.StopAsync();
        Assert.Equal(10, publisher.Records.Count);
    }

    [Fact]
    public void Publisher_ShutdownTimeout_ClosesWithinATenthOfIt()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Kafka:ShutdownTimeout"] = "00:00:20" });

        // Not the 30 s message timeout: with the broker down, disposal must not push the stop past the grace period.
        var publisher = (KafkaRecordPublisher)host.Services.GetRequiredService<IRecordPublisher>();
        Assert.Equal(TimeSpan.FromSeconds(2), publisher.Settings.CloseTimeout);
    }

    [Fact]
    public async Task StopAsync_DeliveriesNeverAcknowledged_StopsWithinTheShutdownBoundCommittingNothingPastThem()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var publisher = new HeldPublisher();
        await harness.ProduceAsync([Encoding.UTF8.GetBytes("not json"), .. TestStream.Predictions(120).Select(RecordWriter.ToJsonBytes)]);
        using var host = harness.BuildHost(
            "metrics.lp",
            services => services.AddSingleton<IRecordPublisher>(publisher),
            // Half of it waiting for the acknowledgements, the other half for the commit and the close, even on a loaded machine.
            new Dictionary<string, string?> { ["Kafka:ShutdownTimeout"] = "00:00:10" });
        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).RecordsHandled == 121, "every record");

        await host.StopAsync();

        // The loop itself finished (final commit, close) instead of being abandoned by the host's timeout.
        var ingestion = host.Services.GetServices<IHostedService>().OfType<Ingestion.IngestionService>().Single();
        Assert.True(ingestion.ExecuteTask!.IsCompletedSuccessfully);
        // Window [00:00, 00:01) is closed, so offset 61 would be committable, but the dead letter of offset 0 was never
        // acknowledged: nothing is committed, and a restart consumes it again.
        Assert.Equal(Offset.Unset.Value, KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic));
    }
}
