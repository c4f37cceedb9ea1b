using System.Net;
using CompressionSafety.Testing;
using Xunit.Abstractions;

namespace CompressionSafety.Faults.Tests;

/// <summary>SIGTERM with everything up: exit code 0 within the bound, the final commit and snapshot done, so a restart reads nothing twice.</summary>
[Collection(FaultsGroup.Name)]
public sealed class ShutdownTests(ReferenceRun reference, ITestOutputHelper output)
{
    [Fact]
    public async Task Monitor_Sigterm_ExitsZeroAfterFinalCommitAndRestartReadsNothingTwice()
    {
        using var run = await FaultRun.StartAsync(reference);
        run.ProduceAll();
        var total = reference.Lines.Count;
        using (var worker = run.StartWorker(new Dictionary<string, string> { ["Kafka:CommitInterval"] = "00:01:00" }))
        {
            // Every record processed, and (with a one-minute commit interval) only the shutdown's commit left to store them.
            await Deadline.WaitUntilAsync(
                () => run.ArchiveWindows().Count >= reference.Windows.Count, "every window in the archive", context: () => worker.Process.Output());
            output.WriteLine($"committed before SIGTERM: {run.Committed()} of {total}");
            var exit = await worker.TerminateAsync(Deadline.ShutdownBound);
            output.WriteLine($"SIGTERM to exit: {exit.TotalSeconds:0.00} s, exit code {worker.Process.ExitCode}");
            Assert.True(worker.Process.ExitCode == 0, $"exit code {worker.Process.ExitCode}:\n{worker.Process.Output()}");
        }

        Assert.Equal(total, run.Committed());
        var before = run.ArchiveWindows();
        Assert.Equal(reference.Windows, before);

        // The restart resumes after the last record: the next record only closes the sentinel's window, no window and no
        // dead letter comes a second time.
        using (var restarted = run.StartWorker())
        {
            await restarted.WaitForHealthAsync("/health/ready", HttpStatusCode.OK);
            KafkaClients.Produce(run.Broker.BootstrapServers, run.InputTopic, [reference.SecondSentinel]);
            await run.WaitForCommittedAsync(total + 1, restarted);
            await Deadline.WaitUntilAsync(() => run.ArchiveWindows().Count >= before.Count + reference.SentinelWindows.Count, "the sentinel's windows");
            restarted.Kill();
        }

        Assert.Equal(reference.SentinelWindows.Order(StringComparer.Ordinal), run.ArchiveWindows().Skip(before.Count).Order(StringComparer.Ordinal));
        Assert.Equal(reference.Incidents, run.ArchiveIncidents());
        Assert.Equal(reference.DeadLetters, KafkaClients.ReadAll(run.Broker.BootstrapServers, run.DeadLetterTopic).Count);
    }

    [Fact]
    public async Task Monitor_SigtermDuringBrokerOutage_ExitsZeroWithinTheBoundAndARestartLosesNothing()
    {
        using var run = await FaultRun.StartAsync(reference);
        var half = reference.Lines.Count / 2;
        run.Produce(0, half);
        // A short drain bound keeps the test short; the behaviour is the same at the 30 s default.
        var bound = TimeSpan.FromSeconds(10);
        using (var worker = run.StartWorker(new Dictionary<string, string> { ["Kafka:ShutdownTimeout"] = "00:00:10" }))
        {
            await run.WaitForCommittedAsync(half, worker);
            await run.Broker.DownAsync();
            await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.ServiceUnavailable);

            // Nothing can be acknowledged or committed now: the worker must still leave within its bound, exit code 0.
            var exit = await worker.TerminateAsync(bound + TimeSpan.FromSeconds(5));
            output.WriteLine($"SIGTERM during a broker outage: exit after {exit.TotalSeconds:0.00} s, exit code {worker.Process.ExitCode}");
            Assert.True(worker.Process.ExitCode == 0, $"exit code {worker.Process.ExitCode}:\n{worker.Process.Output()}");
        }

        await run.Broker.UpAsync();
        run.Produce(half, reference.Lines.Count - half);
        using (var restarted = run.StartWorker())
        {
            await run.WaitForEverythingAsync(restarted);
            restarted.Kill();
        }

        // What the stopped worker could not commit is read again: at least once, identical, nothing missing.
        var windows = run.ArchiveWindows();
        Expect.OneContentPerWindow(windows);
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Windows, windows, "windows");
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Incidents, run.ArchiveIncidents(), "incidents");
        Assert.Equal(reference.DeadLetters, run.DeadLetteredOffsets().Count);
    }
}
