using CompressionSafety.Testing;
using Xunit.Abstractions;

namespace CompressionSafety.Faults.Tests;

/// <summary>
/// <c>kill -9</c> of the worker process at several points of the stream, restarted each time with the same group and
/// state changelog: the result is the uninterrupted run's, at least once (repeats identical), no partial window.
/// </summary>
[Collection(FaultsGroup.Name)]
public sealed class KillRestartTests(ReferenceRun reference, ITestOutputHelper output)
{
    [Fact]
    public async Task Monitor_KilledThreeTimesAndRestarted_WindowsAndIncidentsAsUninterruptedRun()
    {
        using var run = await FaultRun.StartAsync(reference);
        run.ProduceAll();
        var total = reference.Lines.Count;

        // Killed once the group has committed past each point: records processed after the last commit (late records
        // of windows that already closed among them) are read again by the next worker.
        foreach (var point in new[] { total / 4, total / 2, total * 3 / 4 })
        {
            using var worker = run.StartWorker();
            await run.WaitForCommittedAsync(point, worker);
            worker.Kill();
            output.WriteLine($"kill -9 after offset {point}: committed {run.Committed()}, archive {run.ArchiveWindows().Count} window lines");
        }

        using (var last = run.StartWorker())
        {
            await run.WaitForEverythingAsync(last);
            last.Kill();
        }

        var windows = run.ArchiveWindows();
        var expected = reference.Windows.ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"archive: {windows.Count} window lines, {windows.Distinct(StringComparer.Ordinal).Count()} distinct, replay {reference.Windows.Count}, "
            + $"{windows.Distinct(StringComparer.Ordinal).Count(l => !expected.Contains(l))} not in the uninterrupted run, "
            + $"{windows.Distinct(StringComparer.Ordinal).GroupBy(FaultRun.WindowKey).Count(g => g.Count() > 1)} windows with two contents");
        Expect.OneContentPerWindow(windows);
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Windows, windows, "windows");
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.Incidents, run.ArchiveIncidents(), "incidents");
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.IncidentRecords, run.IncidentRecords(), "incident topic (id, content)");
        AtLeastOnce.AssertSameOnceRepeatsDropped(reference.MetricLines, run.MetricWindowLines(), "metric window lines");
        Assert.Equal(reference.DeadLetters, run.DeadLetteredOffsets().Count);
    }
}
