using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.Worker.Tests.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Builds worker hosts against a mock cluster, with short timeouts and one-minute windows.</summary>
internal sealed class WorkerHarness : IDisposable
{
    public WorkerHarness(MockKafkaCluster cluster, int partitions = 1)
    {
        Cluster = cluster;
        InputTopic = KafkaTestClients.CreateTopic(cluster, partitions, "logs");
        DeadLetterTopic = KafkaTestClients.CreateTopic(cluster, 1, "dlq");
        GroupId = KafkaTestClients.UniqueName("worker");
        Directory = Path.Combine(Path.GetTempPath(), KafkaTestClients.UniqueName("worker-test"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public MockKafkaCluster Cluster { get; }

    public string InputTopic { get; }

    public string DeadLetterTopic { get; }

    public string GroupId { get; }

    public string Directory { get; }

    public static EngineOptions EngineOptions => new()
    {
        WindowSize = TimeSpan.FromMinutes(1),
        Grace = TimeSpan.FromSeconds(5),
        LabelHorizon = TimeSpan.FromSeconds(5),
    };

    public IHost BuildHost(string metricsFile, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Cluster.BootstrapServers,
            ["Kafka:GroupId"] = GroupId,
            ["Kafka:InferenceLogTopic"] = InputTopic,
            ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
            ["Kafka:MetricsFile"] = Path.Combine(Directory, metricsFile),
            ["Kafka:SessionTimeout"] = "00:00:02",
            ["Kafka:CommitInterval"] = "00:00:00.200",
            ["Kafka:MaxRecordBytes"] = "4096",
            ["Kafka:ClientProperties:reconnect.backoff.ms"] = "100",
            ["Kafka:ClientProperties:reconnect.backoff.max.ms"] = "500",
            ["Engine:WindowSize"] = "00:01:00",
            ["Engine:Grace"] = "00:00:05",
            ["Engine:LabelHorizon"] = "00:00:05",
        });
        if (settings is not null)
        {
            // Later sources win: a test's own settings override the harness defaults.
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (Environment.GetEnvironmentVariable("WORKER_TEST_LOG") is not null)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
        }

        configure?.Invoke(builder.Services);
        builder.AddCompressionSafetyWorker();
        return builder.Build();
    }

    /// <summary>What replay computes on the same valid records: the engine run directly, as line protocol.</summary>
    public static List<string> ExpectedLines(IEnumerable<InferenceRecord> records)
    {
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(EngineOptions), null, EngineOptions, ParserOptions.Default, output);
        foreach (var record in records)
        {
            pipeline.Process(record, 0);
        }

        return [.. output.Windows.SelectMany(r => LineProtocol.Format(r).Split('\n', StringSplitOptions.RemoveEmptyEntries))];
    }

    public List<string> MetricsLines(string metricsFile)
    {
        var path = Path.Combine(Directory, metricsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        // The worker still has the file open for writing.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public async Task ProduceAsync(IEnumerable<byte[]> values)
    {
        await using var producer = new KafkaRecordPublisher(KafkaTestClients.PublisherSettings(Cluster), TimeProvider.System);
        foreach (var value in values)
        {
            await producer.PublishAsync(new OutgoingRecord(InputTopic, Key, value), default);
        }

        await producer.FlushAsync(default);
    }

    public static readonly byte[] Key = Encoding.UTF8.GetBytes("guard");

    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + KafkaTestClients.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    public static WorkerHealth Health(IHost host) => host.Services.GetRequiredService<WorkerHealth>();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
