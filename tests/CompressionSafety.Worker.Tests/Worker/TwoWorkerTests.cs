using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Worker.Tests.Kafka;
using CompressionSafety.Engine.Output;
using CompressionSafety.Worker.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompressionSafety.Worker.Tests.Worker;

public sealed class TwoWorkerTests
{
    [Fact]
    public async Task Run_TwoWorkersOneLeavesMidStream_PartitionsSplitThenTakenOverWithNoWindowLostOrChanged()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster, partitions: 2);
        var streams = new[] { TestStream.Predictions(600, seed: 1, model: "guard-a"), TestStream.Predictions(600, seed: 2, model: "guard-b") };
        var expected = streams.SelectMany(s => WorkerHarness.ExpectedLines(s)).Where(PerWindow).ToList();
        var firstHalf = streams.Sum(s => WorkerHarness.ExpectedLines(s.Take(300)).Count(PerWindow));
        Produce(cluster, harness.InputTopic, streams, 0, 300);

        using var a = harness.BuildHost("a.lp");
        using var b = harness.BuildHost("b.lp");
        await a.StartAsync();
        await b.StartAsync();
        await WorkerHarness.WaitUntil(
            () => WorkerHarness.Health(a).Check().AssignedPartitions == 1 && WorkerHarness.Health(b).Check().AssignedPartitions == 1,
            "the two workers to split the partitions");
        await WorkerHarness.WaitUntil(() => Lines(harness, "a.lp", "b.lp").Distinct().Count() >= firstHalf, "the first half");
        await a.StopAsync();
        Produce(cluster, harness.InputTopic, streams, 300, 300);
        await WorkerHarness.WaitUntil(
            () => streams.All(s => harness.MetricsLines("b.lp").Contains(WorkerHarness.ExpectedLines(s).Where(PerWindow).Last())),
            "the second worker to finish both partitions");
        await b.StopAsync();

        var all = Lines(harness, "a.lp", "b.lp");
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Distinct().Order(StringComparer.Ordinal));
        // A window emitted twice (by the leaver and again by the new owner) must carry the same values.
        Assert.All(all.GroupBy(SeriesAndTime), g => Assert.Single(g.Distinct()));
    }

    [Fact]
    public async Task Run_OneWorkerDiesWithoutClosing_HostStopsAndTheOtherReplaysWithNoWindowLost()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster, partitions: 2);
        var streams = new[] { TestStream.Predictions(600, seed: 3, model: "guard-a"), TestStream.Predictions(600, seed: 4, model: "guard-b") };
        var expected = streams.SelectMany(s => WorkerHarness.ExpectedLines(s)).Where(PerWindow).ToList();
        using var b = harness.BuildHost("b.lp");
        await b.StartAsync();
        await WorkerHarness.WaitUntil(() => WorkerHarness.Health(b).Check().AssignedPartitions == 2, "the first worker to own both partitions");
        using var a = harness.BuildHost("a.lp", services => services.AddSingleton<IMetricsSink>(
            _ => new CrashingSink(Path.Combine(harness.Directory, "a.lp"), windowsBeforeCrash: 6)));
        var stopped = new TaskCompletionSource();
        a.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
        await a.StartAsync();
        await WorkerHarness.WaitUntil(
            () => WorkerHarness.Health(a).Check().AssignedPartitions == 1 && WorkerHarness.Health(b).Check().AssignedPartitions == 1,
            "the two workers to split the partitions");
        Produce(cluster, harness.InputTopic, streams, 0, 600);

        await stopped.Task.WaitAsync(KafkaTestClients.Patience);
        Assert.Equal(WorkerHealthStatus.Unhealthy, WorkerHarness.Health(a).Check().Status);
        Assert.Equal(1, Environment.ExitCode);
        Environment.ExitCode = 0;
        await WorkerHarness.WaitUntil(
            () => streams.All(s => harness.MetricsLines("b.lp").Contains(WorkerHarness.ExpectedLines(s).Where(PerWindow).Last())),
            "the surviving worker to finish both partitions");
        await b.StopAsync();
        await a.StopAsync();
        // Disposing the dead host flushes its metrics file; a hard kill could leave a torn last line there.
        a.Dispose();

        var all = Lines(harness, "a.lp", "b.lp");
        Assert.Equal(expected.Order(StringComparer.Ordinal), all.Distinct().Order(StringComparer.Ordinal));
        Assert.All(all.GroupBy(SeriesAndTime), g => Assert.Single(g.Distinct()));
    }

    private static bool PerWindow(string line) => PerWindowLines.IsPerWindow(line);

    private static string SeriesAndTime(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return line[..space] + line[line.LastIndexOf(' ')..];
    }

    private static List<string> Lines(WorkerHarness harness, params string[] files) =>
        files.SelectMany(harness.MetricsLines).Where(PerWindow).ToList();

    private static void Produce(MockKafkaCluster cluster, string topic, IReadOnlyList<PredictionRecord>[] streams, int skip, int take)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, EnableIdempotence = true }).Build();
        for (var partition = 0; partition < streams.Length; partition++)
        {
            var key = Encoding.UTF8.GetBytes(streams[partition][0].Model);
            foreach (var record in streams[partition].Skip(skip).Take(take))
            {
                producer.Produce(new TopicPartition(topic, partition), new Message<byte[], byte[]> { Key = key, Value = RecordWriter.ToJsonBytes(record) });
            }
        }

        Assert.Equal(0, producer.Flush(KafkaTestClients.Patience));
    }
}
