using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Tests.Kafka;
using Confluent.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class IngestionServiceTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("guard");

    [Fact]
    public async Task Run_StreamWithPoisonRecords_WindowsMatchReplayPoisonDeadLetteredOffsetsHeldByOpenWindow()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        byte[] notJson = Encoding.UTF8.GetBytes("this is not json");
        byte[] wrongSchema = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(RecordWriter.ToJsonBytes(predictions[0] with { EventId = "v2" }))
            .Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal));
        var late = RecordWriter.ToJsonBytes(predictions[0] with { EventId = "late-one" });
        var huge = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', 10_000) + "\"}");
        await using (var producer = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(cluster), TimeProvider.System))
        {
            foreach (var record in predictions)
            {
                await producer.PublishAsync(new OutgoingRecord(harness.InputTopic, Key, RecordWriter.ToJsonBytes(record)), default);
            }

            foreach (var poison in new[] { notJson, wrongSchema, huge, late })
            {
                await producer.PublishAsync(new OutgoingRecord(harness.InputTopic, Key, poison), default);
            }

            await producer.FlushAsync(default);
        }

        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        var deadLetters = KafkaTestClients.Consume(cluster, harness.DeadLetterTopic, KafkaTestClients.UniqueName("dlq-reader"), 4);
        Assert.Equal(WorkerHealthStatus.Healthy, WorkerHarness.Health(host).Check().Status);
        await host.StopAsync();

        Assert.Equal(
            ["not_json", "unsupported_schema_version", "too_large", "late"],
            deadLetters.Select(d => Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason))));
        Assert.Equal([notJson, wrongSchema, huge[..4096], late], deadLetters.Select(d => d.Message.Value));
        Assert.Equal("10014", Encoding.UTF8.GetString(deadLetters[2].Message.Headers.GetLastBytes(DeadLetterHeaders.OriginalLength)));
        Assert.Equal(["600", "601", "602", "603"], deadLetters.Select(d => Encoding.UTF8.GetString(d.Message.Headers.GetLastBytes(DeadLetterHeaders.SourceOffset))));
        Assert.Equal(WorkerHarness.ExpectedLines(predictions), harness.MetricsLines("metrics.lp"));
        // Window [00:09, 00:10) is still open, so the commit stops at its first record (offset 540).
        Assert.Equal(540, KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic));
    }

    [Fact]
    public async Task Run_RestartFromCommittedOffsets_ResultsIdenticalToUninterruptedRun()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        var expectedFirstHalf = WorkerHarness.ExpectedLines(predictions.Take(300));
        await harness.ProduceAsync(predictions.Take(300).Select(RecordWriter.ToJsonBytes));

        using (var first = harness.BuildHost("first.lp"))
        {
            await first.StartAsync();
            await WorkerHarness.WaitUntil(() => harness.MetricsLines("first.lp").Count == expectedFirstHalf.Count, "the first run's windows");
            await first.StopAsync();
        }

        Assert.Equal(240, KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic));
        await harness.ProduceAsync(predictions.Skip(300).Select(RecordWriter.ToJsonBytes));
        var expected = WorkerHarness.ExpectedLines(predictions);
        using (var second = harness.BuildHost("second.lp"))
        {
            await second.StartAsync();
            await WorkerHarness.WaitUntil(() => harness.MetricsLines("second.lp").Contains(expected[^1]), "the second run's last window");
            await second.StopAsync();
        }

        // Cross-window engine state (input reference, detectors, confidence sequences) restarts with the engine;
        // every per-window metric must be identical. See docs/worker.md, "Known limits".
        Assert.Equal(
            expected.Where(PerWindowLines.IsPerWindow),
            harness.MetricsLines("first.lp").Concat(harness.MetricsLines("second.lp")).Where(PerWindowLines.IsPerWindow));
    }

    [Fact]
    public async Task Run_BrokerDownMidStream_ReportsOutageThenLosesNothing()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        var expectedFirstHalf = WorkerHarness.ExpectedLines(predictions.Take(300));
        await harness.ProduceAsync(predictions.Take(300).Select(RecordWriter.ToJsonBytes));
        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => harness.MetricsLines("metrics.lp").Count == expectedFirstHalf.Count, "the first half");

        cluster.SetBrokerDown();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).Check().Status == WorkerHealthStatus.Degraded, "health to report the outage");
        var produced = harness.ProduceAsync(predictions.Skip(300).Select(RecordWriter.ToJsonBytes));
        cluster.SetBrokerUp();
        await produced;

        var expected = WorkerHarness.ExpectedLines(predictions);
        await WorkerHarness.WaitUntil(() => harness.MetricsLines("metrics.lp").Count >= expected.Count, "the second half");
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(host).Check().Status == WorkerHealthStatus.Healthy, "health to recover");
        await host.StopAsync();
        Assert.Equal(expected, harness.MetricsLines("metrics.lp"));
        Assert.True(WorkerHarness.Health(host).Check().ClientErrors > 0);
    }

    [Fact]
    public async Task Run_InjectedOffsetCommitErrors_RetriedAndCommitStillReachesOpenWindow()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        await harness.ProduceAsync(predictions.Select(RecordWriter.ToJsonBytes));
        cluster.PushRequestErrors(
            KafkaApiKey.OffsetCommit,
            ErrorCode.RequestTimedOut,
            ErrorCode.RequestTimedOut,
            ErrorCode.RequestTimedOut);
        var expected = WorkerHarness.ExpectedLines(predictions);

        using var host = harness.BuildHost("metrics.lp");
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => harness.MetricsLines("metrics.lp").Count >= expected.Count, "all windows");
        await WorkerHarness.WaitUntil(() => KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic) == 540, "the commit");
        await host.StopAsync();
        cluster.ClearRequestErrors(KafkaApiKey.OffsetCommit);

        Assert.Equal(expected, harness.MetricsLines("metrics.lp"));
        Assert.Equal(540, KafkaTestClients.Committed(cluster, harness.GroupId, harness.InputTopic));
    }
}
