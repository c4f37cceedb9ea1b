using System.Globalization;
using System.Text;
using System.Text.Json;
using CompressionSafety.Testing;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// One scenario: its own broker process, topics, consumer group and folder; workers started one after another on the
/// same group, archive and state, each with its own metrics file and config file.
/// </summary>
internal sealed class FaultRun : IDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly List<string> _metricsFiles = [];

    private FaultRun(ReferenceRun reference, MockBrokerProcess broker, Dictionary<string, string> settings, string directory)
    {
        Reference = reference;
        Broker = broker;
        _settings = settings;
        Directory = directory;
    }

    public ReferenceRun Reference { get; }

    public MockBrokerProcess Broker { get; }

    public string Directory { get; }

    public string InputTopic => _settings["Kafka:InferenceLogTopic"];

    public string GroupId => _settings["Kafka:GroupId"];

    public string DeadLetterTopic => _settings["Kafka:DeadLetterTopic"];

    public string ArchiveDirectory => _settings["Archive:Directory"];

    /// <summary>A broker process, the topics (state changelog included) and the worker settings every start shares.</summary>
    public static async Task<FaultRun> StartAsync(ReferenceRun reference)
    {
        var broker = await MockBrokerProcess.StartAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("faults-run-").FullName;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:GroupId"] = "worker-" + Guid.NewGuid().ToString("N"),
            ["Kafka:InferenceLogTopic"] = await broker.CreateTopicAsync("logs"),
            ["Kafka:DeadLetterTopic"] = await broker.CreateTopicAsync("dlq"),
            ["Kafka:IncidentTopic"] = await broker.CreateTopicAsync("incidents"),
            ["Kafka:ReviewTopic"] = await broker.CreateTopicAsync("review"),
            ["Kafka:StateTopic"] = await broker.CreateTopicAsync("state"),
            // Replay's record size limit, so both dead-letter the same lines.
            ["Kafka:MaxRecordBytes"] = "1048576",
            ["Kafka:SessionTimeout"] = "00:00:02",
            ["Kafka:CommitInterval"] = "00:00:00.250",
            ["Kafka:ClientProperties:reconnect.backoff.ms"] = "100",
            ["Kafka:ClientProperties:reconnect.backoff.max.ms"] = "500",
            ["Engine:LabelHorizon"] = TimeSpan.FromMinutes(ReferenceRun.LabelHorizonMinutes).ToString("c", CultureInfo.InvariantCulture),
            ["Engine:MaxFutureSkew"] = TimeSpan.FromHours(ReferenceRun.MaxFutureSkewHours).ToString("c", CultureInfo.InvariantCulture),
            ["Rules:Directory"] = RepositoryRoot.Combine("alert-rules"),
            ["Archive:Directory"] = Path.Combine(directory, "archive"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        return new FaultRun(reference, broker, settings, directory);
    }

    /// <summary>Starts a worker on the shared settings plus <paramref name="overrides"/>, writing its own metrics file.</summary>
    public WorkerProcess StartWorker(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var n = _metricsFiles.Count + 1;
        var metrics = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"metrics-{n}.lp"));
        _metricsFiles.Add(metrics);
        var settings = new Dictionary<string, string>(_settings, StringComparer.Ordinal) { ["Kafka:MetricsFile"] = metrics };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return WorkerProcess.Start(settings, Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"worker-{n}.json")));
    }

    public void Produce(int from, int count) =>
        KafkaClients.Produce(Broker.BootstrapServers, InputTopic, Reference.Lines.Skip(from).Take(count));

    public void ProduceAll() => Produce(0, Reference.Lines.Count);

    public long Committed() => KafkaClients.Committed(Broker.BootstrapServers, GroupId, InputTopic);

    /// <summary>Waits until the group has committed <paramref name="offset"/> (or more); returns how long it took.</summary>
    public Task<TimeSpan> WaitForCommittedAsync(long offset, WorkerProcess worker, TimeSpan? timeout = null) =>
        Deadline.WaitUntilAsync(
            () => worker.Process.HasExited ? throw new InvalidOperationException($"worker exited ({worker.Process.ExitCode}):\n{worker.Process.Output()}") : Committed() >= offset,
            $"the group to commit offset {offset}",
            timeout,
            () => $"committed {Committed()}\n{worker.Process.Output()}");

    /// <summary>Every window line the archive holds, all runs, in the order written.</summary>
    public List<string> ArchiveWindows() => ArchiveLines("windows-");

    /// <summary>Every incident state change the archive holds, all runs, in the order written.</summary>
    public List<string> ArchiveIncidents() => ArchiveLines("incidents-");

    /// <summary>The window lines of every worker's metrics file, runs in start order.</summary>
    public List<string> MetricWindowLines() =>
        [.. _metricsFiles.Where(File.Exists).SelectMany(SharedLines).Where(WindowMetrics.IsWindowLine)];

    /// <summary>The incident topic's records as <c>KEY VALUE</c> lines, in order.</summary>
    public List<string> IncidentRecords() =>
        [.. KafkaClients.ReadAll(Broker.BootstrapServers, _settings["Kafka:IncidentTopic"])
            .Select(r => Encoding.UTF8.GetString(r.Message.Key) + " " + Encoding.UTF8.GetString(r.Message.Value))];

    /// <summary>The source offsets the dead-letter topic holds, each once.</summary>
    public HashSet<string> DeadLetteredOffsets() =>
        [.. KafkaClients.ReadAll(Broker.BootstrapServers, DeadLetterTopic)
            .Select(r => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes("source-offset")))];

    /// <summary>Waits until the archive holds every window replay closed (once each) and the whole stream is committed.</summary>
    public async Task WaitForEverythingAsync(WorkerProcess worker)
    {
        await Deadline.WaitUntilAsync(
            () => ArchiveWindows().Distinct(StringComparer.Ordinal).Count() >= Reference.Windows.Count,
            $"{Reference.Windows.Count} distinct windows in the archive",
            context: () => $"{ArchiveWindows().Distinct(StringComparer.Ordinal).Count()} so far\n{worker.Process.Output()}");
        await WaitForCommittedAsync(Reference.Lines.Count, worker);
    }

    /// <summary>The identity of a window line: model, variant, slice, kind and window start.</summary>
    public static string WindowKey(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return string.Join('|', new[] { "model", "variant", "slice", "kind", "window_start" }.Select(p => root.GetProperty(p).ToString()));
    }

    public void Dispose()
    {
        Broker.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private List<string> ArchiveLines(string prefix) =>
        !System.IO.Directory.Exists(ArchiveDirectory)
            ? []
            : [.. System.IO.Directory.GetFiles(ArchiveDirectory, prefix + "*.jsonl").Order(StringComparer.Ordinal).SelectMany(SharedLines)];

    /// <summary>A file's complete lines; the worker may still be writing it.</summary>
    private static IEnumerable<string> SharedLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        // A line still being written has no newline yet: leave it for the next read.
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
