using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

/// <summary>Window results carry the event-time range of the records they counted, and incident evidence uses it.</summary>
public sealed class EventTimeRangeTests
{
    private static WindowEngine Engine() =>
        new(new EngineOptions { WindowSize = TimeSpan.FromMinutes(5), Grace = TimeSpan.FromMinutes(1), LabelHorizon = TimeSpan.FromMinutes(10) });

    private static WindowResult Result(IEnumerable<WindowResult> results, WindowKind kind, string variant = "baseline") =>
        results.Single(r => r.Kind == kind && r.Key.Slice == "all" && r.Key.Variant == variant && r.WindowStart == T0);

    [Fact]
    public void Flush_TrafficWindow_FirstAndLastEventTimeOfItsRecords()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(100)));
        engine.Process(Prediction(T0.AddSeconds(7.5)));
        engine.Process(Prediction(T0.AddSeconds(250)));
        engine.Process(Prediction(T0.AddSeconds(30)));
        engine.Flush();

        var traffic = Result(engine.TakeResults(), WindowKind.Traffic);

        Assert.Equal(T0.AddSeconds(7.5), traffic.FirstEventTime);
        Assert.Equal(T0.AddSeconds(250), traffic.LastEventTime);
    }

    [Fact]
    public void Flush_LabelsWindow_RangeOfTheLabelledPredictionsOnly()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(5), id: "unlabelled-early"));
        engine.Process(Prediction(T0.AddSeconds(60), id: "a"));
        engine.Process(Prediction(T0.AddSeconds(120), id: "b", trueLabel: "safe"));
        engine.Process(Prediction(T0.AddSeconds(290), id: "unlabelled-late"));
        engine.Process(Label("a", T0.AddMinutes(8), "unsafe"));
        engine.Flush();

        var results = engine.TakeResults();
        var labels = Result(results, WindowKind.Labels);

        Assert.Equal(2, labels.Count);
        Assert.Equal(T0.AddSeconds(60), labels.FirstEventTime);
        Assert.Equal(T0.AddSeconds(120), labels.LastEventTime);
        Assert.Equal(T0.AddSeconds(5), Result(results, WindowKind.Traffic).FirstEventTime);
    }

    [Fact]
    public void Flush_LabelsWindowWithoutLabels_NoRange()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(5)));
        engine.Flush();

        var labels = Result(engine.TakeResults(), WindowKind.Labels);

        Assert.Null(labels.FirstEventTime);
        Assert.Null(labels.LastEventTime);
    }

    [Fact]
    public void Write_ResultWithRange_WritesFirstAndLastEventTime()
    {
        var result = RuleTestData.Window(0, 0.1) with { FirstEventTime = T0.AddSeconds(1.25), LastEventTime = T0.AddSeconds(299) };

        var root = JsonDocument.Parse(JsonBytes.Of(w => WindowResultJson.Write(w, result))).RootElement;

        Assert.Equal("2026-11-26T00:00:01.250Z", root.GetProperty("first_event_time").GetString());
        Assert.Equal("2026-11-26T00:04:59.000Z", root.GetProperty("last_event_time").GetString());
    }

    [Fact]
    public void Write_ResultWithoutRange_OmitsTheFields()
    {
        var root = JsonDocument.Parse(JsonBytes.Of(w => WindowResultJson.Write(w, RuleTestData.Window(0, 0.1)))).RootElement;

        Assert.False(root.TryGetProperty("first_event_time", out _));
        Assert.False(root.TryGetProperty("last_event_time", out _));
    }

    [Fact]
    public void Format_ResultWithRange_LineProtocolUnchanged()
    {
        var plain = RuleTestData.Window(0, 0.1);

        var withRange = LineProtocol.Format(plain with { FirstEventTime = T0.AddSeconds(1), LastEventTime = T0.AddSeconds(299) });

        Assert.Equal(LineProtocol.Format(plain), withRange);
        Assert.DoesNotContain("event_time", withRange, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FiringAfterTwoWindows_EvidenceRangeIsTheRecordsMinAndMax()
    {
        var evaluator = new RuleEvaluator(new RuleSet([RuleTestData.Rule(forWindows: 2)], []));
        evaluator.Evaluate(RuleTestData.Window(0, 0.1) with { FirstEventTime = T0.AddSeconds(42), LastEventTime = T0.AddSeconds(280) });

        var fired = Assert.Single(evaluator.Evaluate(
            RuleTestData.Window(1, 0.1) with { FirstEventTime = T0.AddSeconds(301), LastEventTime = T0.AddSeconds(577) }));

        Assert.Equal(T0.AddSeconds(42), fired.Evidence.EventTimeStart);
        Assert.Equal(T0.AddSeconds(577), fired.Evidence.EventTimeEnd);
        var json = Encoding.UTF8.GetString(JsonBytes.Of(w => IncidentJson.Write(w, fired)));
        Assert.Contains("\"event_time_range\":{\"start\":\"2026-11-26T00:00:42.000Z\",\"end\":\"2026-11-26T00:09:37.000Z\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Resolution_RangeIncludesTheResolvingWindow()
    {
        var evaluator = new RuleEvaluator(new RuleSet([RuleTestData.Rule()], []));
        evaluator.Evaluate(RuleTestData.Window(0, 0.1) with { FirstEventTime = T0.AddSeconds(10), LastEventTime = T0.AddSeconds(200) });

        var resolved = Assert.Single(evaluator.Evaluate(
            RuleTestData.Window(1, 0.0) with { FirstEventTime = T0.AddSeconds(320), LastEventTime = T0.AddSeconds(460) }));

        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal(T0.AddSeconds(10), resolved.Evidence.EventTimeStart);
        Assert.Equal(T0.AddSeconds(460), resolved.Evidence.EventTimeEnd);
    }

    [Fact]
    public void Evaluate_EngineResults_EvidenceRangeFromRecordTimes()
    {
        var engine = Engine();
        for (var i = 0; i < 10; i++)
        {
            engine.Process(Prediction(T0.AddSeconds(40 + i), variant: "baseline", flagged: false));
            engine.Process(Prediction(T0.AddSeconds(33 + (20 * i)), variant: "int8", flagged: true));
        }

        engine.Flush();
        var rule = RuleTestData.Rule(threshold: 0.5);
        var evaluator = new RuleEvaluator(new RuleSet([rule], []));

        var fired = engine.TakeResults().SelectMany(evaluator.Evaluate).Single(i => i.Key.Slice == "all");

        Assert.Equal(T0.AddSeconds(33), fired.Evidence.EventTimeStart);
        Assert.Equal(T0.AddSeconds(213), fired.Evidence.EventTimeEnd);
    }
}
