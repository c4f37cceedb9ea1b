using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Simulation;
using CompressionSafety.Testing;
using CompressionSafety.Worker.Tests.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>
/// A worker stopped (or crashed) and restarted with the same group and a state changelog continues as if it had never
/// stopped: every metric line (cross-window detectors, sequences and the pinned input reference included) and every
/// incident equal an uninterrupted run, no partial window, and offsets committed up to what was processed.
/// </summary>
public sealed class StateRestoreTests
{
    private static readonly List<byte[]> Lines = StreamGenerator.Generate(new GeneratorOptions
    {
        Records = 8000,
        Duration = TimeSpan.FromHours(2),
        Seed = 11,
        Degradations = [Degradation.Parse("variant=int8-dynamic,kind=flagged-rate,start=1h,size=0.3")],
    }).Select(l => l.Utf8.ToArray()).ToList();

    private static readonly RuleSet Rules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));

    [Fact]
    public async Task Restart_WithStateTopic_ContinuesAsUninterruptedRun()
    {
        var (expectedLines, expectedIncidents, _) = Uninterrupted();
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var settings = Settings(cluster);
        var half = Lines.Count / 2;
        await harness.ProduceAsync(Lines.Take(half));

        using (var first = harness.BuildHost("first.lp", settings: settings))
        {
            await first.StartAsync();
            // Committed up to what was processed, not held back for open windows: the state covers them.
            await WaitForCommitted(cluster, harness, half);
            await first.StopAsync();
        }

        await harness.ProduceAsync(Lines.Skip(half));
        using (var second = harness.BuildHost("second.lp", settings: settings))
        {
            await second.StartAsync();
            await WaitForCommitted(cluster, harness, Lines.Count);
            await second.StopAsync();
        }

        Assert.Equal(expectedLines, [.. WindowLines(harness, "first.lp"), .. WindowLines(harness, "second.lp")]);
        var incidents = KafkaTestClients.Consume(cluster, settings["Kafka:IncidentTopic"]!, KafkaTestClients.UniqueName("incidents"), expectedIncidents.Count);
        Assert.Equal(expectedIncidents, incidents.Select(r => Encoding.UTF8.GetString(r.Message.Key) + " " + Encoding.UTF8.GetString(r.Message.Value)));
    }

    [Fact]
    public async Task Restart_AfterCrash_NoPartialWindowAndIncidentsAsUninterruptedRun()
    {
        var (expectedLines, expectedIncidents, windows) = Uninterrupted();
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var settings = Settings(cluster);
        await harness.ProduceAsync(Lines);

        // The loop dies mid-stream without a final commit: records after the last commit point (late ones of windows
        // that already closed among them) are read again by the next worker.
        using (var crashing = harness.BuildHost("crashed.lp", services => services.AddSingleton<IMetricsSink>(
            _ => new CrashingSink(Path.Combine(harness.Directory, "crashed.lp"), windowsBeforeCrash: windows / 2)), settings))
        {
            var stopped = new TaskCompletionSource();
            crashing.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopped.TrySetResult());
            await crashing.StartAsync();
            await stopped.Task.WaitAsync(KafkaTestClients.Patience);
            await crashing.StopAsync();
            Environment.ExitCode = 0;
        }

        using (var second = harness.BuildHost("second.lp", settings: settings))
        {
            await second.StartAsync();
            await WaitForCommitted(cluster, harness, Lines.Count);
            await second.StopAsync();
        }

        var crashed = WindowLines(harness, "crashed.lp");
        var resumed = WindowLines(harness, "second.lp");
        Assert.NotEmpty(crashed);
        // At least once: lines after the last snapshot come again, identical; nothing else differs, nothing is missing.
        AtLeastOnce.AssertSameOnceRepeatsDropped(expectedLines, [.. crashed, .. resumed], "metric lines");
        var incidents = KafkaTestClients.Consume(cluster, settings["Kafka:IncidentTopic"]!, KafkaTestClients.UniqueName("incidents"), expectedIncidents.Count + 50);
        AtLeastOnce.AssertSameOnceRepeatsDropped(expectedIncidents, [.. incidents.Select(r => Encoding.UTF8.GetString(r.Message.Key) + " " + Encoding.UTF8.GetString(r.Message.Value))], "incidents");
    }

    // The metrics file also carries incident points; incidents are compared on their topic.
    private static List<string> WindowLines(WorkerHarness harness, string file) =>
        [.. harness.MetricsLines(file).Where(line => line.StartsWith("compression_safety_window", StringComparison.Ordinal))];

    private static Dictionary<string, string?> Settings(MockKafkaCluster cluster) => new()
    {
        ["Engine:WindowSize"] = "00:05:00",
        ["Engine:Grace"] = "00:01:00",
        ["Engine:LabelHorizon"] = "01:00:00",
        ["Kafka:MaxRecordBytes"] = "1048576",
        ["Kafka:CommitInterval"] = "00:00:01",
        ["Kafka:StateTopic"] = KafkaTestClients.CreateTopic(cluster, 1, "state"),
        ["Kafka:IncidentTopic"] = KafkaTestClients.CreateTopic(cluster, 1, "incidents"),
        ["Kafka:ReviewTopic"] = KafkaTestClients.CreateTopic(cluster, 1, "review"),
        ["Rules:Directory"] = RepositoryRoot.Combine("alert-rules"),
    };

    /// <summary>Replay's lines and incidents on the same stream, without the end-of-input flush (a worker never reaches an end).</summary>
    private static (List<string> Lines, List<string> Incidents, int Windows) Uninterrupted()
    {
        var options = new EngineOptions();
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(options), Rules, options, ParserOptions.Default, output);
        foreach (var line in Lines)
        {
            pipeline.Process(line, 0);
        }

        var lines = output.Windows.SelectMany(window => LineProtocol.Format(window).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var incidents = output.Incidents.Select(i => i.Id + " " + Encoding.UTF8.GetString(JsonBytes.Of(w => IncidentJson.Write(w, i)))).ToList();
        var windows = output.Windows.Count;

        Assert.NotEmpty(incidents);
        return (lines, incidents, windows);
    }

    private static async Task WaitForCommitted(MockKafkaCluster cluster, WorkerHarness harness, long offset)
    {
        using var reader = new ConsumerBuilder<byte[], byte[]>(KafkaTestClients.ConsumerConfig(cluster, harness.GroupId)).SetLogHandler(static (_, _) => { }).Build();
        var partition = new TopicPartition(harness.InputTopic, 0);
        await WorkerHarness.WaitUntil(
            () => reader.Committed([partition], TimeSpan.FromSeconds(5)).Single().Offset.Value >= offset,
            $"the group to commit offset {offset}");
    }
}
