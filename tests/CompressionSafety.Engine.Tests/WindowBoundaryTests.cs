using CompressionSafety.Contracts;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class WindowBoundaryTests
{
    private static WindowEngine Engine(TimeSpan? window = null, TimeSpan? grace = null) =>
        new(new EngineOptions { WindowSize = window ?? TimeSpan.FromMinutes(5), Grace = grace ?? TimeSpan.FromMinutes(1), LabelHorizon = TimeSpan.FromMinutes(10) });

    private static List<WindowResult> Traffic(WindowEngine engine) =>
        engine.TakeResults().Where(r => r.Kind == WindowKind.Traffic && r.Key.Slice == "all").ToList();

    [Fact]
    public void WindowStartOf_RecordOnBoundary_BelongsToTheLaterWindow()
    {
        var engine = Engine();

        Assert.Equal(T0.AddMinutes(5), engine.WindowStartOf(T0.AddMinutes(5)));
        Assert.Equal(T0, engine.WindowStartOf(T0.AddMinutes(5).AddTicks(-1)));
    }

    [Fact]
    public void WindowStartOf_OddWindowSize_IsAlignedToTheEpochNotTheFirstRecord()
    {
        var engine = Engine(TimeSpan.FromMinutes(7));
        var start = engine.WindowStartOf(T0);

        Assert.Equal(0, (start - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.FromMinutes(7).Ticks);
        Assert.True(start <= T0 && T0 < start.AddMinutes(7));
    }

    [Fact]
    public void Process_StreamTimeJustBeforeEndPlusGrace_KeepsWindowOpen()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(10)));
        engine.Process(Prediction(T0.AddMinutes(6).AddTicks(-1)));

        Assert.Empty(Traffic(engine));
    }

    [Fact]
    public void Process_StreamTimeReachesEndPlusGrace_ClosesWindowWithItsRecords()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(10)));
        engine.Process(Prediction(T0.AddMinutes(5).AddTicks(-1)));
        engine.Process(Prediction(T0.AddMinutes(5)));
        engine.Process(Prediction(T0.AddMinutes(6)));

        var closed = Assert.Single(Traffic(engine));
        Assert.Equal(T0, closed.WindowStart);
        Assert.Equal(T0.AddMinutes(5), closed.WindowEnd);
        Assert.Equal(2, closed.Count);
        Assert.Equal(2, closed.Metrics["count"]);
    }

    [Fact]
    public void Process_OutOfOrderWithinGrace_IsCountedInItsWindow()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(5).AddSeconds(30)));
        var outcome = engine.Process(Prediction(T0.AddMinutes(4).AddSeconds(50)));
        engine.Process(Prediction(T0.AddMinutes(6)));

        Assert.Equal(RecordOutcome.Accepted, outcome);
        var closed = Assert.Single(Traffic(engine));
        Assert.Equal(1, closed.Count);
    }

    [Fact]
    public void Process_RecordForClosedWindow_IsLateAndCounted()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1)));
        engine.Process(Prediction(T0.AddMinutes(6)));
        var late = Prediction(T0.AddMinutes(4));

        var outcome = engine.Process(late);

        Assert.Equal(RecordOutcome.Late, outcome);
        Assert.Equal(1, engine.Counters.Late);
        var reason = engine.DescribeLate(late);
        Assert.Equal(RejectionCode.Late, reason.Code);
        Assert.Contains("2026-11-26T00:00:00", reason.Message, StringComparison.Ordinal);
        engine.Flush();
        var first = Traffic(engine).First(r => r.WindowStart == T0);
        Assert.Equal(1, first.Count);
    }

    [Fact]
    public void Process_ZeroGrace_ClosesAtWindowEnd()
    {
        var engine = Engine(grace: TimeSpan.Zero);
        engine.Process(Prediction(T0.AddMinutes(1)));
        engine.Process(Prediction(T0.AddMinutes(5)));

        Assert.Single(Traffic(engine));
        Assert.Equal(RecordOutcome.Late, engine.Process(Prediction(T0.AddMinutes(4).AddSeconds(59))));
    }

    [Fact]
    public void Flush_EndOfInput_ClosesEveryWindowInOrder()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1)));
        engine.Process(Prediction(T0.AddMinutes(6)));
        engine.Process(Prediction(T0.AddMinutes(12)));

        engine.Flush();

        var starts = Traffic(engine).Select(r => r.WindowStart).ToList();
        Assert.Equal([T0, T0.AddMinutes(5), T0.AddMinutes(10)], starts);
        Assert.Null(engine.OldestOpenWindowStart);
    }

    [Fact]
    public void Process_GapInTraffic_EmitsNoEmptyWindows()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1)));
        engine.Process(Prediction(T0.AddHours(2)));
        engine.Flush();

        Assert.Equal(2, Traffic(engine).Count);
    }
}
