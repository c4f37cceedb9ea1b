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
        using var polling = new CancellationTokenSource();
        var notLive = PollLiveAsync(worker, polling.Token);
        run.Produce(half, reference.Lines.Count - half);
        var caughtUp = await Deadline.WaitUntilAsync(
            () => run.Committed() >= reference.Lines.Count && run.ArchiveWindows().Count >= reference.Windows.Count,
            "the rest of the stream to be processed and committed with the sink down",
            context: () => worker.Process.Output());
        output.WriteLine($"sink down: rest of the stream ({reference.Lines.Count - half} records) committed in {caughtUp.TotalSeconds:0.0} s, /health/ready {await worker.HealthAsync("/health/ready")}");

        // Polling stops before SIGTERM: an exiting worker closes its listener on purpose.
        await polling.CancelAsync();
        var exit = await worker.TerminateAsync(Deadline.ShutdownBound);
        output.WriteLine($"SIGTERM during the sink outage: exit after {exit.TotalSeconds:0.00} s, code {worker.Process.ExitCode}");
        Assert.True(worker.Process.ExitCode == 0, $"exit code {worker.Process.ExitCode}:\n{worker.Process.Output()}");
        Assert.Empty(await notLive);
        Assert.Equal(reference.Windows, run.ArchiveWindows());
        Assert.Equal(reference.Incidents, run.ArchiveIncidents());
    }

    /// <summary>Every answer of /health/live other than 200 (0: no answer) until the test stops polling.</summary>
    private static async Task<List<int>> PollLiveAsync(WorkerProcess worker, CancellationToken stop)
    {
        var failures = new List<int>();
        while (!stop.IsCancellationRequested && !worker.Process.HasExited)
        {
            var status = await worker.HealthAsync("/health/live");
            if (status != 200 && !stop.IsCancellationRequested)
            {
                failures.Add(status);
            }

            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return failures;
    }
}
