using CompressionSafety.InfluxDb.Tests;
using Xunit.Abstractions;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// The worker writing its metrics to a real VictoriaMetrics process (the InfluxDB write target of the sink tests), which
/// is killed mid-stream: ingestion goes on, the worker stays live, and SIGTERM during the outage still exits 0 in time.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class SinkOutageTests(ReferenceRun reference, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Monitor_MetricsSinkDown_IngestionGoesOnLiveStaysOkAndSigtermExitsZero()
    {
        await using var sink = await VictoriaMetricsServer.StartAsync();
        using var run = await FaultRun.StartAsync(reference);
        var half = reference.Lines.Count / 2;
        run.Produce(0, half);
        using var worker = run.StartWorker(new Dictionary<string, string>
        {
            ["InfluxDb:Url"] = sink.Url,
            ["InfluxDb:Org"] = "faults",
            ["InfluxDb:Bucket"] = "faults",
            ["InfluxDb:Token"] = "faults",
            ["InfluxDb:ScheduledDelay"] = "00:00:00.200",
        });
        await run.WaitForCommittedAsync(half, worker);
        await Deadline.WaitUntilAsync(async () => (await sink.ExportAsync("compression_safety_window_value")).Count > 0, "window points in VictoriaMetrics");

        await sink.KillAsync();
        run.Produce(half, reference.Lines.Count - half);

        // Liveness is probed on every poll of the wait itself: every answer other than 200 (0: no answer) is kept.
        var notLive = new List<int>();
        var caughtUp = await Deadline.WaitUntilAsync(
            async () =>
            {
                var live = await worker.HealthAsync("/health/live");
                if (live != 200)
                {
                    notLive.Add(live);
                }

                return run.Committed() >= reference.Lines.Count && run.ArchiveWindows().Count >= reference.Windows.Count;
            },
            "the rest of the stream to be processed and committed with the sink down",
            context: () => worker.Process.Output());
        output.WriteLine($"sink down: rest of the stream ({reference.Lines.Count - half} records) committed in {caughtUp.TotalSeconds:0.0} s, /health/ready {await worker.HealthAsync("/health/ready")}");

        var exit = await worker.TerminateAsync(Deadline.ShutdownBound);
        output.WriteLine($"SIGTERM during the sink outage: exit after {exit.TotalSeconds:0.00} s, code {worker.Process.ExitCode}");
        Assert.True(worker.Process.ExitCode == 0, $"exit code {worker.Process.ExitCode}:\n{worker.Process.Output()}");
        Assert.Empty(notLive);
        Assert.Equal(reference.Windows, run.ArchiveWindows());
        Assert.Equal(reference.Incidents, run.ArchiveIncidents());
    }
}
