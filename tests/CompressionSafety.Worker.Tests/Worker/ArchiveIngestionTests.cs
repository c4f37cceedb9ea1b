using System.Text;
using CompressionSafety.Contracts;
using CompressionSafety.Engine;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Pipeline;
using CompressionSafety.Worker.Tests.Kafka;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>Through Kafka: with an <c>Archive</c> section the worker files every window it emits, flushed by the time it has stopped.</summary>
public sealed class ArchiveIngestionTests
{
    [Fact]
    public async Task Run_WithArchive_DayFileHoldsEveryEmittedWindowInWindowsJsonlFormat()
    {
        using var cluster = KafkaTestClients.StartCluster();
        using var harness = new WorkerHarness(cluster);
        var predictions = TestStream.Predictions(600);
        var expected = ExpectedWindows(predictions);
        await harness.ProduceAsync(predictions.Select(RecordWriter.ToJsonBytes));
        var archive = Path.Combine(harness.Directory, "archive");

        using var host = harness.BuildHost("metrics.lp", settings: new Dictionary<string, string?> { ["Archive:Directory"] = archive, ["Archive:RetentionDays"] = "30" });
        await host.StartAsync();
        await WorkerHarness.WaitUntil(() => harness.MetricsLines("metrics.lp").Count == WorkerHarness.ExpectedLines(predictions).Count, "all windows");
        await host.StopAsync();

        Assert.Equal(expected, File.ReadAllLines(Path.Combine(archive, "windows-2026-11-27.jsonl")));
        Assert.True(File.Exists(Path.Combine(archive, "run-2026-11-27.json")));
        Assert.Equal(["run-2026-11-27.json", "windows-2026-11-27.jsonl"], Directory.GetFiles(archive).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static List<string> ExpectedWindows(IEnumerable<InferenceRecord> records)
    {
        var output = new CollectingOutput<int>();
        var pipeline = MonitorPipeline.Create(new WindowEngine(WorkerHarness.EngineOptions), null, WorkerHarness.EngineOptions, ParserOptions.Default, output);
        foreach (var record in records)
        {
            pipeline.Process(record, 0);
        }

        return [.. output.Windows.Select(r => Encoding.UTF8.GetString(JsonBytes.Of(w => WindowResultJson.Write(w, r))))];
    }
}
