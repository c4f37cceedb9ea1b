using CompressionSafety.Contracts;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

/// <summary>The future-skew guard (issue 16): a record dated far ahead never moves stream time.</summary>
public sealed class FutureTimestampTests
{
    private static readonly DateTimeOffset Year2099 = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static WindowEngine Engine() => new(new EngineOptions { LabelHorizon = TimeSpan.FromMinutes(10) });

    /// <summary>One record every 10 s from <paramref name="from"/>, <paramref name="count"/> of them.</summary>
    private static List<RecordOutcome> Stream(WindowEngine engine, DateTimeOffset from, int count, DateTimeOffset? now = null) =>
        Enumerable.Range(0, count).Select(i => engine.Process(Prediction(from.AddSeconds(10 * i)), now)).ToList();

    [Fact]
    public void Process_OneRecordOn9999_12_31_IsFutureAndFlushDoesNotThrow()
    {
        var engine = Engine();
        Stream(engine, T0, 5);

        var outcome = engine.Process(Prediction(DateTimeOffset.MaxValue.AddTicks(-1)));
        engine.Flush();

        Assert.Equal(RecordOutcome.FutureTimestamp, outcome);
        Assert.Equal(1, engine.Counters.FutureTimestamps);
        Assert.Equal(RejectionCode.FutureTimestamp, engine.DescribeFuture(Prediction(DateTimeOffset.MaxValue)).Code);
        Assert.All(engine.TakeResults(), r => Assert.True(r.WindowStart < T0.AddHours(1)));
    }

    [Fact]
    public void Process_OnlyRecordOn9999_12_31_IsFutureEvenAtStreamStart()
    {
        var engine = Engine();

        var outcome = engine.Process(Prediction(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        engine.Flush();

        Assert.Equal(RecordOutcome.FutureTimestamp, outcome);
        Assert.Empty(engine.TakeResults());
    }

    [Fact]
    public void Process_One2099RecordInsideANormalStream_IsFutureAndNothingAfterItIsLate()
    {
        var engine = Engine();
        var before = Stream(engine, T0, 100);

        var outcome = engine.Process(Prediction(Year2099));
        var after = Stream(engine, T0.AddSeconds(1000), 100);

        Assert.Equal(RecordOutcome.FutureTimestamp, outcome);
        Assert.All(before.Concat(after), o => Assert.Equal(RecordOutcome.Accepted, o));
        Assert.Equal(0, engine.Counters.Late);
        Assert.True(engine.StreamTime < T0.AddHours(1));
        Assert.Contains("ahead of stream time", engine.DescribeFuture(Prediction(Year2099)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_First2099RecordOfTheStream_DoesNotBlindTheStream()
    {
        var engine = Engine();

        engine.Process(Prediction(Year2099));
        var after = Stream(engine, T0, 100);

        Assert.All(after, o => Assert.Equal(RecordOutcome.Accepted, o));
        Assert.Equal(0, engine.Counters.Late);
        Assert.True(engine.StreamTime < T0.AddHours(1));
    }

    [Fact]
    public void Process_TrafficResumingAfterARealGap_MovesStreamTimeAfterThreeAgreeingRecords()
    {
        var engine = Engine();
        Stream(engine, T0, 10);

        var resumed = Stream(engine, T0.AddHours(8), 10);

        Assert.Equal([RecordOutcome.FutureTimestamp, RecordOutcome.FutureTimestamp], resumed.Take(2));
        Assert.All(resumed.Skip(2), o => Assert.Equal(RecordOutcome.Accepted, o));
        Assert.True(engine.StreamTime >= T0.AddHours(8));
        Assert.Contains(engine.TakeResults(), r => r.WindowStart == T0 && r.Kind == WindowKind.Traffic);
    }

    [Fact]
    public void Process_RecordAheadOfTheCallersClock_IsFutureEvenWhenTheStreamAgrees()
    {
        var engine = Engine();
        var now = T0.AddMinutes(10);

        var outcomes = Stream(engine, T0.AddHours(2), 5, now);

        Assert.All(outcomes, o => Assert.Equal(RecordOutcome.FutureTimestamp, o));
        Assert.Null(engine.StreamTime);
        Assert.Contains("ahead of the clock", engine.DescribeFuture(Prediction(T0.AddHours(2)), now).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_LabelDated9999_IsFuture()
    {
        var engine = Engine();

        Assert.Equal(RecordOutcome.FutureTimestamp, engine.Process(Label("e-x", DateTimeOffset.MaxValue, "safe")));
    }

    [Fact]
    public void Validate_MaxFutureSkewBelowOneMinute_NamesTheSetting()
    {
        var errors = new EngineOptions { MaxFutureSkew = TimeSpan.FromSeconds(5) }.Validate();

        Assert.Contains(errors, e => e.StartsWith("MaxFutureSkew:", StringComparison.Ordinal));
    }
}
