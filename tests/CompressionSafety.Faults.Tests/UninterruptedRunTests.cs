namespace CompressionSafety.Faults.Tests;

/// <summary>The worker as a process on an out-of-process broker computes exactly what replay computes on the same stream.</summary>
[Collection(FaultsGroup.Name)]
public sealed class UninterruptedRunTests(ReferenceRun reference)
{
    [Fact]
    public async Task Monitor_UninterruptedRun_WindowsIncidentsAndDeadLettersEqualReplay()
    {
        using var run = await FaultRun.StartAsync(reference);
        run.ProduceAll();
        using var worker = run.StartWorker();

        await run.WaitForEverythingAsync(worker);

        Assert.Equal(reference.Windows, run.ArchiveWindows());
        Assert.Equal(reference.Incidents, run.ArchiveIncidents());
        Assert.Equal(reference.IncidentRecords, run.IncidentRecords());
        Assert.Equal(reference.MetricLines, run.MetricWindowLines());
        Assert.Equal(reference.DeadLetters, run.DeadLetteredOffsets().Count);
    }
}
