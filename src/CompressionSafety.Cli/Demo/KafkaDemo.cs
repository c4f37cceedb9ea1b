using System.Globalization;
using System.Text;
using System.Text.Json;
using CompressionSafety.Cli.Producing;
using CompressionSafety.Engine.Output;
using CompressionSafety.Files;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Kafka.Publishing;
using CompressionSafety.Simulation;
using CompressionSafety.Worker;
using CompressionSafety.Worker.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CompressionSafety.Cli.Demo;

/// <summary>
/// The whole production shape in one process: librdkafka's in-process mock broker (for demonstration and tests only,
/// never production), a producer streaming generated traffic in accelerated real time, the worker's hosted services
/// consuming it, and a reader of the dead-letter, incident and review topics writing the same files replay writes.
/// </summary>
internal sealed class KafkaDemo(TextWriter console, TimeProvider time)
{
    internal const string InputTopic = "inference-logs";
    internal const string DeadLetterTopic = "inference-logs-dlq";
    internal const string IncidentTopic = "safety-incidents";
    internal const string ReviewTopic = "safety-review";

    /// <summary>
    /// fetch.wait.max.ms for every consumer of the mock broker. It answers a fetch that finds nothing only after the
    /// whole wait (librdkafka's default 500 ms), even when records arrive meanwhile; a real broker answers as soon as
    /// they do. With the default, a consumer that has caught up idles half a second per fetch: the worker (and, at a
    /// high --speed, the producer throttled to it) and the topic reader, whose incidents would seem 0.4 s late.
    /// </summary>
    internal const int MockFetchWaitMs = 10;

    /// <summary>A mock cluster with the demo's four topics, the input topic with <paramref name="inputPartitions"/>.</summary>
    internal static MockKafkaCluster StartCluster(int inputPartitions = 1)
    {
        var cluster = new MockKafkaCluster();
        cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        cluster.CreateTopic(InputTopic, inputPartitions);
        cluster.CreateTopic(DeadLetterTopic, 1);
        cluster.CreateTopic(IncidentTopic, 1);
        cluster.CreateTopic(ReviewTopic, 1);
        return cluster;
    }

    /// <summary>The worker's settings against the demo's topics on <paramref name="bootstrapServers"/> (the mock broker).</summary>
    internal static Dictionary<string, string?> WorkerSettings(string bootstrapServers, string groupId, string? rulesDirectory) => new()
    {
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Kafka:GroupId"] = groupId,
        ["Kafka:InferenceLogTopic"] = InputTopic,
        ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
        ["Kafka:IncidentTopic"] = IncidentTopic,
        ["Kafka:ReviewTopic"] = ReviewTopic,
        ["Kafka:SessionTimeout"] = "00:00:06",
        ["Rules:Directory"] = rulesDirectory,
        ["Kafka:ClientProperties:fetch.wait.max.ms"] = MockFetchWaitMs.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<KafkaDemoResult> RunAsync(GeneratorOptions generator, double speed, string outputDirectory, string? rulesDirectory, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var cluster = StartCluster();
        console.WriteLine($"    in-process Kafka broker (librdkafka mock cluster, for demonstration only) at {cluster.BootstrapServers}");

        await using var output = new OutputFolder(outputDirectory);
        var sink = new DemoWindowSink(output, console, generator.BaselineVariant, time);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = WorkerSettings(cluster.BootstrapServers, "compression-safety-demo", rulesDirectory);
        // Windows and incidents show up on the topics within a second.
        settings["Kafka:CommitInterval"] = "00:00:01";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IMetricsSink>(sink);
        builder.AddCompressionSafetyWorker();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var health = host.Services.GetRequiredService<WorkerHealth>();
        var identity = WorkerHostBuilderExtensions.RunIdentityOf(host.Services);

        using var readers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var topics = new TopicReader(cluster.BootstrapServers, outputDirectory, console, sink, time);
        var reading = Task.Factory.StartNew(() => topics.Run(readers.Token), readers.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Throttled by the worker's progress: the mock broker keeps only a few MiB per partition, and a producer that
        // ran further ahead would have unread records dropped under it.
        var producer = new GeneratedStreamProducer(cluster.BootstrapServers, InputTopic, speed, time) { ConsumedRecords = () => health.RecordsHandled };
        var produced = await producer.RunAsync(generator, null, cancellationToken).ConfigureAwait(false);

        // Wait for the worker to handle every record, then give the topic readers a moment to drain.
        var deadline = time.GetTimestamp();
        while (health.RecordsHandled < produced && time.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }

        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
        await readers.CancelAsync().ConfigureAwait(false);
        await reading.ConfigureAwait(false);
        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);

        var elapsed = time.GetElapsedTime(started);
        var latencies = topics.IncidentLatenciesMs.Order().ToList();
        var result = new KafkaDemoResult(
            produced, producer.Sent, producer.ThrottleWaits, health.RecordsHandled, sink.Windows, topics.DeadLetters, topics.Incidents, topics.Reviews, elapsed,
            latencies.Count == 0 ? null : latencies[latencies.Count / 2],
            latencies.Count == 0 ? null : latencies[^1]);
        output.WriteSummary(writer =>
        {
            writer.WriteString("tool_version", ToolVersion.Current);
            writer.WriteString("mode", "kafka-demo");
            identity.WriteProperties(writer);
            writer.WriteStartObject("generator");
            writer.WriteNumber("seed", generator.Seed);
            writer.WriteNumber("records", generator.Records);
            writer.WriteEndObject();
            writer.WriteNumber("records_produced", result.Produced);
            writer.WriteNumber("records_consumed", result.Consumed);
            writer.WriteNumber("records_lost", result.Lost);
            writer.WriteStartObject("produced_by_kind");
            writer.WriteNumber("predictions", result.Sent.Predictions);
            writer.WriteNumber("labels", result.Sent.Labels);
            writer.WriteNumber("invalid", result.Sent.Invalid);
            writer.WriteNumber("duplicates", result.Sent.Duplicates);
            writer.WriteNumber("late", result.Sent.Late);
            writer.WriteEndObject();
            writer.WriteNumber("producer_throttle_waits", result.ThrottleWaits);
            writer.WriteNumber("windows", result.Windows);
            writer.WriteNumber("dead_lettered", result.DeadLetters);
            writer.WriteNumber("incident_changes", result.Incidents);
            writer.WriteNumber("review_requests", result.Reviews);
            writer.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
            writer.WriteNumber("records_per_second", Math.Round(result.Consumed / Math.Max(elapsed.TotalSeconds, 1e-3)));
            if (topics.IncidentLatenciesMs.Count > 0)
            {
                var sorted = topics.IncidentLatenciesMs.Order().ToList();
                writer.WriteNumber("incident_latency_ms_median", Math.Round(sorted[sorted.Count / 2], 1));
                writer.WriteNumber("incident_latency_ms_max", Math.Round(sorted[^1], 1));
            }
        });
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reads the worker's output topics into the output folder and prints incidents as they arrive.</summary>
    private sealed class TopicReader(string bootstrapServers, string directory, TextWriter console, DemoWindowSink windows, TimeProvider time)
    {
        /// <summary>Milliseconds from the worker closing a window to its incident arriving on the topic, per incident.</summary>
        public List<double> IncidentLatenciesMs { get; } = [];

        public long DeadLetters { get; private set; }

        public long Incidents { get; private set; }

        public long Reviews { get; private set; }

        public void Run(CancellationToken cancellationToken)
        {
            using var incidents = new StreamWriter(Path.Combine(directory, "incidents.jsonl"), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            using var reviews = new StreamWriter(Path.Combine(directory, "review.jsonl"), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "compression-safety-demo-reader",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnablePartitionEof = false,
                FetchWaitMaxMs = MockFetchWaitMs,
            }).SetLogHandler(static (_, _) => { }).Build();
            consumer.Subscribe([DeadLetterTopic, IncidentTopic, ReviewTopic]);
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is not { } message)
                {
                    continue;
                }

                switch (result.Topic)
                {
                    case IncidentTopic:
                        incidents.WriteLine(Encoding.UTF8.GetString(message.Value));
                        Incidents++;
                        Announce(message.Value);
                        break;
                    case ReviewTopic:
                        reviews.WriteLine(Encoding.UTF8.GetString(message.Value));
                        Reviews++;
                        break;
                    default:
                        windows.WriteDeadLetter(ToDeadLetter(result));
                        DeadLetters++;
                        break;
                }
            }

            consumer.Close();
        }

        private void Announce(byte[] incident)
        {
            var root = JsonDocument.Parse(incident).RootElement;
            var window = DemoWindowSink.WindowId(
                root.GetProperty("model").GetString()!, root.GetProperty("variant").GetString()!, root.GetProperty("slice").GetString()!, root.GetProperty("window_start").GetString()!);
            if (windows.TryGetClosedAt(window, out var closedAt))
            {
                IncidentLatenciesMs.Add(time.GetElapsedTime(closedAt).TotalMilliseconds);
            }

            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  INCIDENT {root.GetProperty("status").GetString()!.ToUpperInvariant()}: {root.GetProperty("severity").GetString()} {root.GetProperty("rule").GetString()} on {root.GetProperty("variant").GetString()}/{root.GetProperty("slice").GetString()} (window {root.GetProperty("window_start").GetString()}, id {root.GetProperty("id").GetString()})"));
        }

        private static DeadLetter ToDeadLetter(ConsumeResult<byte[]?, byte[]> result)
        {
            string Header(string name) => result.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : string.Empty;
            var offset = long.TryParse(Header(DeadLetterHeaders.SourceOffset), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : -1;
            var length = long.TryParse(Header(DeadLetterHeaders.OriginalLength), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : result.Message.Value.Length;
            return new DeadLetter(Header(DeadLetterHeaders.SourceTopic), offset, Header(DeadLetterHeaders.Reason), null, Header(DeadLetterHeaders.Detail), result.Message.Value, length);
        }
    }
}

/// <summary>What the Kafka demo did.</summary>
/// <param name="Produced">Records delivered to the input topic.</param>
/// <param name="Sent">The records handed to the producer, by kind of line.</param>
/// <param name="ThrottleWaits">How often the producer waited for the worker to catch up.</param>
/// <param name="Consumed">Records the worker handled.</param>
/// <param name="Windows">Window results written.</param>
/// <param name="DeadLetters">Records read back from the dead-letter topic.</param>
/// <param name="Incidents">Incident state changes read back from the incident topic.</param>
/// <param name="Reviews">Review requests read back from the review topic.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="IncidentLatencyMedianMs">Median milliseconds from a window's close in the worker to its incident arriving on the topic.</param>
/// <param name="IncidentLatencyMaxMs">The largest such latency.</param>
internal sealed record KafkaDemoResult(
    long Produced, GenerationSummary Sent, long ThrottleWaits, long Consumed, long Windows, long DeadLetters, long Incidents, long Reviews, TimeSpan Elapsed, double? IncidentLatencyMedianMs, double? IncidentLatencyMaxMs)
{
    /// <summary>Records delivered to the topic that the worker never handled (0 unless something went wrong).</summary>
    public long Lost => Math.Max(0, Produced - Consumed);
}
