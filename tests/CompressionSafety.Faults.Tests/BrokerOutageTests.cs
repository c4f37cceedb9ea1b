using System.Net;
using CompressionSafety.Testing;
using Xunit.Abstractions;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// Every broker of the out-of-process cluster down, then up (through the mock API: topics, offsets and the changelog
/// stay): readiness follows the broker, with or without traffic, and nothing is lost.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class BrokerOutageTests(ReferenceRun reference, ITestOutputHelper output)
{
    [Fact]
    public async Task Monitor_BrokerDownAndUpOnIdleTopic_ReadyAgainWithoutTraffic()
    {
        using var run = await FaultRun.StartAsync(reference);
        run.ProduceAll();
        using var worker = run.StartWorker();
        await run.WaitForEverythingAsync(worker);
        await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.OK);

        await run.Broker.DownAsync();
        var unready = await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.ServiceUnavailable);
        await run.Broker.UpAsync();
        // No record arrives: readiness has to come from the client seeing the broker again.
        var ready = await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.OK);
        output.WriteLine($"idle topic: not ready {unready.TotalSeconds:0.0} s after down, ready {ready.TotalSeconds:0.0} s after up");

        KafkaClients.Produce(run.Broker.BootstrapServers, run.InputTopic, [reference.SecondSentinel]);
        await run.WaitForCommittedAsync(reference.Lines.Count + 1, worker);
        await Deadline.WaitUntilAsync(() => run.ArchiveWindows().Count >= reference.Windows.Count + reference.SentinelWindows.Count, "the sentinel's windows");
        Assert.Equal(reference.Windows, run.ArchiveWindows().Take(reference.Windows.Count));
    }

    [Fact]
    public async Task Monitor_BrokerDownDuringBacklog_NothingLostAndReadyAgain()
    {
        using var run = await FaultRun.StartAsync(reference);
        var half = reference.Lines.Count / 2;
        run.Produce(0, half);
        using var worker = run.StartWorker();
        await run.WaitForCommittedAsync(half, worker);

        await run.Broker.DownAsync();
        await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.ServiceUnavailable);
        // The rest of the stream waits in the producer until the broker is back: a backlog for the worker.
        var backlog = Task.Run(() => run.Produce(half, reference.Lines.Count - half));
        await run.Broker.UpAsync();
        var ready = await worker.WaitForHealthAsync("/health/ready", HttpStatusCode.OK);
        await backlog;
        var caughtUp = await Deadline.WaitUntilAsync(() => run.Committed() >= reference.Lines.Count, "the backlog to be committed");
        await run.WaitForEverythingAsync(worker);
        output.WriteLine($"backlog: ready {ready.TotalSeconds:0.0} s after up, backlog committed {caughtUp.TotalSeconds:0.0} s after that");

        var windows = run.ArchiveWindows();
        Expect.OneContentPerWindow(windows);
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Windows, windows, "windows");
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Incidents, run.ArchiveIncidents(), "incidents");
        Assert.Equal(reference.DeadLetters, run.DeadLetteredOffsets().Count);
    }
}
