using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CompressionSafety.Cli.Demo;
using CompressionSafety.Cli.Producing;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Kafka.Mock;
using CompressionSafety.Simulation;
using CompressionSafety.Worker;
using CompressionSafety.Worker.Diagnostics;
using CompressionSafety.WorkerBench;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The worker end to end through the real Kafka client and librdkafka's mock broker, against a bare consumer on the
// same broker in the same run (docs/performance.md, "The worker"):
//   dotnet run -c Release --project bench/WorkerBench -- [--records N] [--models M] [--partitions P] [--seed S]
//       [--ahead-mib A] [--rules DIR] [--state] [--no-baseline]
// --state gives the worker a state changelog topic (Kafka:StateTopic): a snapshot of each partition at every commit.
// It generates the stream bench/replay/run.sh replays (N record slots of one simulated day, an unsafe-miss
// degradation on int8-dynamic/locale=de from 06:00) into memory first, keyed as the demo's producer keys it, so
// neither generation nor keying is timed. Each round then produces it as fast as the consumer keeps up: the producer
// is never more than A MiB (default 2) ahead of what the consumer has handled, because the mock broker keeps only a
// few MiB per partition and drops what nobody read. Two rounds, each on a fresh broker:
//   bare consumer  Consume() and count, nothing else: what the broker, the producer and the client cost here
//   worker         the worker's hosted services (AddCompressionSafetyWorker) with the default rules, writing the
//                  dead-letter, incident and review topics, formatting every window's line protocol as the InfluxDB
//                  sink does (into memory); a reader on the incident topic times each incident from its window's
//                  close in the worker to its arrival on the topic
// Printed per round: records/s over the whole run (first record produced to last handled, the group join included),
// in steady state (between 20 % and 90 % of the records handled), process CPU per record (broker, producer and
// client threads included: they are in this process), and the lag (records delivered to the broker and not yet
// handled) sampled every 50 ms.
var settings = BenchSettings.Parse(args);
if (settings is null)
{
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"machine: {Environment.ProcessorCount} cores, {CpuModel()}, load average {LoadAverage()}, .NET {Environment.Version}"));
var generator = new GeneratorOptions
{
    Records = settings.Records,
    Seed = settings.Seed,
    Models = settings.Models == 1 ? ["toxicity-guard"] : [.. Enumerable.Range(1, settings.Models).Select(i => string.Create(CultureInfo.InvariantCulture, $"guard-{i}"))],
    Degradations = [Degradation.Parse("variant=int8-dynamic,segment=locale:de,kind=unsafe-miss,start=6h,size=0.3")],
};
var generating = Stopwatch.StartNew();
var lines = new GeneratedStreamProducer("unused:9092", "unused", 1, TimeProvider.System).Keyed(StreamGenerator.Generate(generator)).ToList();
var bytes = lines.Sum(l => (long)l.Value.Length);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stream: {lines.Count:N0} lines ({settings.Records:N0} slots, labels and duplicates on top), {bytes / 1e6:F0} MB, {settings.Models} model(s), " +
    $"{settings.Partitions} input partition(s); generated and keyed in {generating.Elapsed.TotalSeconds:F1} s (not timed)"));

var results = new List<RoundResult>();
if (settings.Baseline)
{
    results.Add(await Rounds.BareConsumerAsync(lines, generator.Start, settings));
}

var worker = await Rounds.WorkerAsync(lines, generator.Start, settings);
results.Add(worker.Round);

Console.WriteLine();
Console.WriteLine($"{"round",-14} {"records",10} {"whole run/s",12} {"steady/s",10} {"CPU µs/rec",11} {"lag median",11} {"lag max",9} {"waits",7}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-14} {r.Handled,10:N0} {r.WholeRate,12:N0} {r.SteadyRate,10:N0} {r.CpuMicrosPerRecord,11:F2} {r.LagMedian,11:N0} {r.LagMax,9:N0} {r.ThrottleWaits,7:N0}"));
}

foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name} CPU by thread over {r.WallSeconds:F1} s: {string.Join(", ", r.CpuByThread.Take(8).Select(t => $"{t.Thread} {t.Seconds:F1} s"))}"));
}

if (results.Count == 2)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"worker / bare consumer: {worker.Round.SteadyRate / results[0].SteadyRate:F2}x in steady state, {worker.Round.WholeRate / results[0].WholeRate:F2}x over the whole run"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"worker topics: {worker.Incidents:N0} incident changes, {worker.DeadLetters:N0} dead letters, {worker.Reviews:N0} review requests; {worker.Windows:N0} windows, {worker.Points:N0} line-protocol points"));
if (worker.LatenciesMs.Count > 0)
{
    var sorted = worker.LatenciesMs.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"window close -> incident on the topic: median {Quantile(sorted, 0.5):F1} ms, p95 {Quantile(sorted, 0.95):F1} ms, max {sorted[^1]:F1} ms over {sorted.Count:N0} incidents"));
}

var lost = results.Where(r => r.Handled < r.Produced).ToList();
foreach (var r in lost)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {r.Name}: {r.Produced - r.Handled:N0} of {r.Produced:N0} produced records were not handled within the deadline"));
}

return lost.Count == 0 ? 0 : 1;

static double Quantile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

namespace CompressionSafety.WorkerBench
{
    /// <summary>The command line.</summary>
    internal sealed record BenchSettings(long Records, int Models, int Partitions, int Seed, long AheadBytes, string Rules, bool Baseline, bool State)
    {
        private const string Usage =
            "usage: WorkerBench [--records N (1000000)] [--models M (1)] [--partitions P (1)] [--seed S (42)] [--ahead-mib A (2)] [--rules DIR (alert-rules)] [--state] [--no-baseline]";

        public static BenchSettings? Parse(string[] args)
        {
            long records = 1_000_000;
            int models = 1, partitions = 1, seed = 42;
            double aheadMiB = 2;
            string? rules = null;
            var baseline = true;
            var state = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                try
                {
                    switch (args[i])
                    {
                        case "--records": records = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--models": models = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--partitions": partitions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--ahead-mib": aheadMiB = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                        case "--rules": rules = Next(); break;
                        case "--no-baseline": baseline = false; break;
                        case "--state": state = true; break;
                        case "--help" or "-h": Console.WriteLine(Usage); return null;
                        default: throw new ArgumentException($"unknown argument {args[i]}");
                    }
                }
                catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    Console.Error.WriteLine(Usage);
                    return null;
                }
            }

            if (records <= 0 || models <= 0 || partitions <= 0 || !(aheadMiB > 0))
            {
                Console.Error.WriteLine("error: --records, --models, --partitions and --ahead-mib must be positive");
                return null;
            }

            rules ??= FindRules();
            if (rules is null || !Directory.Exists(rules))
            {
                Console.Error.WriteLine($"error: no rules folder {(rules is null ? "alert-rules above the current folder" : rules)}; pass --rules DIR");
                return null;
            }

            return new BenchSettings(records, models, partitions, seed, (long)(aheadMiB * 1024 * 1024), Path.GetFullPath(rules), baseline, state);
        }

        private static string? FindRules()
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "alert-rules");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>One round's figures.</summary>
    internal sealed record RoundResult(
        string Name, long Produced, long Handled, double WholeRate, double SteadyRate, double CpuMicrosPerRecord, long LagMedian, long LagMax, long ThrottleWaits,
        double WallSeconds, IReadOnlyList<(string Thread, double Seconds)> CpuByThread);

    /// <summary>CPU time per thread of this process from /proc (Linux), grouped by thread name.</summary>
    internal static class ThreadCpu
    {
        public static Dictionary<int, (string Name, long Ticks)> Take()
        {
            var threads = new Dictionary<int, (string Name, long Ticks)>();
            if (!Directory.Exists("/proc/self/task"))
            {
                return threads;
            }

            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    // pid (comm) state ppid ... field 14 utime, 15 stime; comm may hold spaces, so split after ')'.
                    var close = stat.LastIndexOf(')');
                    var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
                    var fields = stat[(close + 2)..].Split(' ');
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                        (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }

            return threads;
        }

        /// <summary>Seconds of CPU per thread name between two snapshots, most first (clock ticks of 10 ms).</summary>
        public static List<(string Thread, double Seconds)> Between(Dictionary<int, (string Name, long Ticks)> before, Dictionary<int, (string Name, long Ticks)> after) =>
            [.. after
                .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (before.TryGetValue(t.Key, out var b) && b.Name == t.Value.Name ? b.Ticks : 0)))
                .GroupBy(t => t.Name, StringComparer.Ordinal)
                .Select(g => (Thread: g.Key, Seconds: g.Sum(t => t.Ticks) / 100.0))
                .Where(t => t.Seconds > 0)
                .OrderByDescending(t => t.Seconds)];
    }

    /// <summary>The worker round's figures and what it wrote to its topics.</summary>
    internal sealed record WorkerRound(RoundResult Round, long Incidents, long DeadLetters, long Reviews, long Windows, long Points, List<double> LatenciesMs);

    internal static class Rounds
    {
        private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(120);

        public static async Task<RoundResult> BareConsumerAsync(IReadOnlyList<KeyedLine> lines, DateTimeOffset start, BenchSettings settings)
        {
            using var cluster = new MockKafkaCluster();
            cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
            const string topic = "bench-bare";
            cluster.CreateTopic(topic, settings.Partitions);
            long handled = 0;
            using var stop = new CancellationTokenSource();
            var consuming = Task.Factory.StartNew(() =>
            {
                using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
                {
                    BootstrapServers = cluster.BootstrapServers,
                    GroupId = "bench-bare-" + Guid.NewGuid().ToString("N"),
                    AutoOffsetReset = AutoOffsetReset.Earliest,
                    // The mock broker holds an empty fetch for the whole wait (KafkaDemo.MockFetchWaitMs).
                    FetchWaitMaxMs = KafkaDemo.MockFetchWaitMs,
                }).SetLogHandler(static (_, _) => { }).Build();
                consumer.Subscribe(topic);
                while (!stop.IsCancellationRequested)
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(100))?.Message is not null)
                    {
                        Interlocked.Increment(ref handled);
                    }
                }

                consumer.Close();
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var result = await DriveAsync("bare consumer", cluster, topic, lines, start, () => Interlocked.Read(ref handled), settings).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await consuming.ConfigureAwait(false);
            return result;
        }

        public static async Task<WorkerRound> WorkerAsync(IReadOnlyList<KeyedLine> lines, DateTimeOffset start, BenchSettings settings)
        {
            // The demo's broker, topics and worker settings, with the benchmark's own group, sink and options.
            using var cluster = KafkaDemo.StartCluster(settings.Partitions);
            const string stateTopic = "compression-safety-state";
            if (settings.State)
            {
                cluster.CreateTopic(stateTopic, 1);
            }

            var sink = new TimingSink();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            var workerSettings = KafkaDemo.WorkerSettings(cluster.BootstrapServers, "compression-safety-bench", settings.Rules);
            workerSettings["Kafka:StateTopic"] = settings.State ? stateTopic : null;
            builder.Configuration.AddInMemoryCollection(workerSettings);
            builder.Services.AddSingleton<IMetricsSink>(sink);
            builder.AddCompressionSafetyWorker();
            using var host = builder.Build();
            await host.StartAsync().ConfigureAwait(false);
            var health = host.Services.GetRequiredService<WorkerHealth>();

            using var stop = new CancellationTokenSource();
            var reader = new IncidentReader(cluster.BootstrapServers, KafkaDemo.IncidentTopic, sink);
            var reading = Task.Factory.StartNew(() => reader.Run(stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var round = await DriveAsync("worker", cluster, KafkaDemo.InputTopic, lines, start, () => health.RecordsHandled, settings).ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);

            // Every incident the worker wrote is read before the figures are taken.
            var incidentCount = HighWatermark(cluster.BootstrapServers, KafkaDemo.IncidentTopic);
            var draining = Stopwatch.StartNew();
            while (reader.Read < incidentCount && draining.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            return new WorkerRound(
                round, incidentCount, HighWatermark(cluster.BootstrapServers, KafkaDemo.DeadLetterTopic), HighWatermark(cluster.BootstrapServers, KafkaDemo.ReviewTopic), sink.Windows, sink.Points, reader.LatenciesMs);
        }

        /// <summary>Produces every line as fast as <paramref name="handled"/> keeps up and measures until all are handled.</summary>
        private static async Task<RoundResult> DriveAsync(
            string name, MockKafkaCluster cluster, string topic, IReadOnlyList<KeyedLine> lines, DateTimeOffset start, Func<long> handled, BenchSettings settings)
        {
            Console.WriteLine($"{name}: producing {lines.Count:N0} records ...");
            var producer = new GeneratedStreamProducer(cluster.BootstrapServers, topic, double.PositiveInfinity, TimeProvider.System)
            {
                ConsumedRecords = handled,
                MaxBytesAhead = settings.AheadBytes,
            };
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var threads0 = ThreadCpu.Take();
            var clock = Stopwatch.StartNew();
            var samples = new List<(double Seconds, long Handled, long Lag)>();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
                while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
                {
                    var done = handled();
                    lock (samples)
                    {
                        samples.Add((clock.Elapsed.TotalSeconds, done, Math.Max(0, producer.Delivered - done)));
                    }
                }
            }, sampling.Token);

            var produced = await producer.RunAsync(lines, start, null, CancellationToken.None).ConfigureAwait(false);
            while (handled() < produced && clock.Elapsed < DrainDeadline)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }

            var wall = clock.Elapsed.TotalSeconds;
            var count = handled();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            var byThread = ThreadCpu.Between(threads0, ThreadCpu.Take());
            await sampling.CancelAsync().ConfigureAwait(false);
            try
            {
                await sampler.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The sampler ends by cancellation.
            }

            List<(double Seconds, long Handled, long Lag)> taken;
            lock (samples)
            {
                taken = [.. samples];
            }

            var from = taken.FirstOrDefault(s => s.Handled >= 0.2 * count);
            var to = taken.FirstOrDefault(s => s.Handled >= 0.9 * count);
            var steady = to.Seconds > from.Seconds ? (to.Handled - from.Handled) / (to.Seconds - from.Seconds) : double.NaN;
            var lags = taken.Select(s => s.Lag).Order().ToList();
            return new RoundResult(
                name, produced, count, count / wall, steady, cpu * 1e6 / Math.Max(1, count),
                lags.Count == 0 ? 0 : lags[lags.Count / 2], lags.Count == 0 ? 0 : lags[^1], producer.ThrottleWaits, wall, byThread);
        }

        private static long HighWatermark(string bootstrapServers, string topic)
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "bench-watermarks" })
                .SetLogHandler(static (_, _) => { }).Build();
            return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10)).High.Value;
        }
    }

    /// <summary>
    /// The worker's metrics sink for the bench: formats each window's line protocol as the InfluxDB sink does (on the
    /// worker's thread), throws it away, and remembers when each window was handed over.
    /// </summary>
    internal sealed class TimingSink : IMetricsSink
    {
        private readonly Dictionary<(string Model, string Variant, string Slice, DateTimeOffset Start), long> _closedAt = [];
        private readonly StringBuilder _builder = new(4096);
        private long _windows;
        private long _points;

        public long Windows => Interlocked.Read(ref _windows);

        public long Points => Interlocked.Read(ref _points);

        public void Write(WindowResult result)
        {
            lock (_builder)
            {
                _closedAt[(result.Key.Model, result.Key.Variant, result.Key.Slice, result.WindowStart)] = Stopwatch.GetTimestamp();
                _builder.Clear();
                LineProtocol.Append(_builder, result);
                long points = 0;
                foreach (var chunk in _builder.GetChunks())
                {
                    points += chunk.Span.Count('\n');
                }

                Interlocked.Add(ref _points, points);
            }

            Interlocked.Increment(ref _windows);
        }

        public bool TryGetClosedAt(string model, string variant, string slice, DateTimeOffset start, out long timestamp)
        {
            lock (_builder)
            {
                return _closedAt.TryGetValue((model, variant, slice, start), out timestamp);
            }
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Reads the incident topic as it is written and times each incident from its window's close.</summary>
    internal sealed class IncidentReader(string bootstrapServers, string topic, TimingSink sink)
    {
        private long _read;

        public long Read => Interlocked.Read(ref _read);

        public List<double> LatenciesMs { get; } = [];

        public void Run(CancellationToken cancellationToken)
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "bench-incident-reader",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                // The reader's own fetch wait is not the worker's latency.
                FetchWaitMaxMs = KafkaDemo.MockFetchWaitMs,
            }).SetLogHandler(static (_, _) => { }).Build();
            consumer.Subscribe(topic);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100))?.Message is not { } message)
                {
                    continue;
                }

                var arrived = Stopwatch.GetTimestamp();
                using var document = JsonDocument.Parse(message.Value);
                var root = document.RootElement;
                var windowStart = DateTimeOffset.Parse(root.GetProperty("window_start").GetString()!, CultureInfo.InvariantCulture);
                if (sink.TryGetClosedAt(root.GetProperty("model").GetString()!, root.GetProperty("variant").GetString()!, root.GetProperty("slice").GetString()!, windowStart, out var closed))
                {
                    LatenciesMs.Add(Stopwatch.GetElapsedTime(closed, arrived).TotalMilliseconds);
                }

                Interlocked.Increment(ref _read);
            }

            consumer.Close();
        }
    }
}
