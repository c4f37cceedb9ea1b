using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class DeduplicationAndLabelTests
{
    private static WindowEngine Engine() => new(new EngineOptions
    {
        WindowSize = TimeSpan.FromMinutes(5),
        Grace = TimeSpan.FromMinutes(1),
        LabelHorizon = TimeSpan.FromMinutes(30),
        DedupHorizon = TimeSpan.FromMinutes(10),
    });

    private static WindowResult Labels(IEnumerable<WindowResult> results, string variant = "baseline") =>
        results.Single(r => r.Kind == WindowKind.Labels && r.Key.Slice == "all" && r.Key.Variant == variant && r.WindowStart == T0);

    [Fact]
    public void Process_SameEventIdTwice_SecondIsDuplicateAndNotCounted()
    {
        var engine = Engine();
        Assert.Equal(RecordOutcome.Accepted, engine.Process(Prediction(T0.AddMinutes(1), id: "dup")));
        Assert.Equal(RecordOutcome.Duplicate, engine.Process(Prediction(T0.AddMinutes(2), id: "dup")));
        engine.Flush();

        var traffic = engine.TakeResults().Single(r => r.Kind == WindowKind.Traffic && r.Key.Slice == "all");
        Assert.Equal(1, traffic.Count);
        Assert.Equal(1, engine.Counters.Duplicates);
    }

    [Fact]
    public void Process_SameEventIdBeyondHorizon_IsAcceptedAgain()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), id: "again"));
        engine.Process(Prediction(T0.AddMinutes(12), id: "other"));

        Assert.Equal(RecordOutcome.Accepted, engine.Process(Prediction(T0.AddMinutes(12), id: "again")));
    }

    [Fact]
    public void Process_LabelAfterPrediction_JoinsIntoLabelledStatistics()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), id: "a", label: "safe", unsafeProbability: 0.3));
        engine.Process(Prediction(T0.AddMinutes(2), id: "b", label: "unsafe", unsafeProbability: 0.9));

        Assert.Equal(RecordOutcome.LabelJoined, engine.Process(Label("a", T0.AddMinutes(20), "unsafe")));
        Assert.Equal(RecordOutcome.LabelJoined, engine.Process(Label("b", T0.AddMinutes(20), "unsafe")));
        engine.Flush();

        var labels = Labels(engine.TakeResults());
        Assert.Equal(2, labels.Count);
        Assert.Equal(0.5, labels.Metrics["accuracy"]);
        Assert.Equal(2, labels.Metrics["positive_count"]);
        Assert.Equal(0.5, labels.Metrics["unsafe_miss_rate"]);
        // Brier: ((0.3 - 1)^2 + (0.9 - 1)^2) / 2.
        Assert.Equal(0.25, labels.Metrics["brier"], 12);
    }

    [Fact]
    public void Process_LabelBeforePrediction_IsJoinedWhenThePredictionArrives()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), id: "x"));

        Assert.Equal(RecordOutcome.LabelPending, engine.Process(Label("early", T0.AddMinutes(1), "safe")));
        engine.Process(Prediction(T0.AddMinutes(2), id: "early", label: "safe"));
        engine.Flush();

        var labels = Labels(engine.TakeResults());
        Assert.Equal(1, labels.Count);
        Assert.Equal(1.0, labels.Metrics["accuracy"]);
        Assert.Equal(1, engine.Counters.LabelsJoined);
    }

    [Fact]
    public void Process_InlineLabel_CountsWithoutALabelRecord()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), label: "unsafe", trueLabel: "unsafe", unsafeProbability: 0.8));
        engine.Flush();

        var labels = Labels(engine.TakeResults());
        Assert.Equal(1, labels.Count);
        Assert.Equal(0.0, labels.Metrics["unsafe_miss_rate"]);
        Assert.Equal(1, engine.Counters.InlineLabels);
    }

    [Fact]
    public void Process_LabelAfterLabelHorizon_IsLate()
    {
        var engine = new WindowEngine(new EngineOptions { LabelHorizon = TimeSpan.FromMinutes(30), DedupHorizon = TimeSpan.FromHours(1) });
        engine.Process(Prediction(T0.AddMinutes(1), id: "slow"));
        engine.Process(Prediction(T0.AddMinutes(36), id: "later"));

        Assert.Equal(RecordOutcome.LabelLate, engine.Process(Label("slow", T0.AddMinutes(40), "safe")));
        Assert.Equal(1, engine.Counters.LabelsLate);
        var labels = Labels(engine.TakeResults());
        Assert.Equal(0, labels.Count);
        Assert.False(labels.Metrics.ContainsKey("accuracy"));
    }

    [Fact]
    public void Process_LabelForForgottenPrediction_WaitsThenCountsUnmatched()
    {
        // Past the de-duplication horizon the engine no longer knows the event id, so it cannot tell "too late" from
        // "not seen yet": the label waits for the label horizon, then counts as unmatched.
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), id: "forgotten"));
        engine.Process(Prediction(T0.AddMinutes(36)));

        Assert.Equal(RecordOutcome.LabelPending, engine.Process(Label("forgotten", T0.AddMinutes(40), "safe")));
        engine.Process(Prediction(T0.AddMinutes(67)));
        Assert.Equal(1, engine.Counters.LabelsUnmatched);
    }

    [Fact]
    public void Process_LabelTwice_SecondIsLate()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), id: "twice"));
        engine.Process(Label("twice", T0.AddMinutes(2), "safe"));

        Assert.Equal(RecordOutcome.LabelLate, engine.Process(Label("twice", T0.AddMinutes(3), "unsafe")));
    }

    [Fact]
    public void Flush_LabelWithoutPrediction_IsCountedUnmatched()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1)));
        engine.Process(Label("ghost", T0.AddMinutes(2), "safe"));

        engine.Flush();

        Assert.Equal(1, engine.Counters.LabelsUnmatched);
    }

    [Fact]
    public void Process_ShadowedLabelledPairs_GiveMcNemarCounts()
    {
        var engine = Engine();
        // Shadow right, variant wrong (b) twice; variant right, shadow wrong (c) once; both right once.
        engine.Process(Prediction(T0.AddMinutes(1), variant: "int8", label: "safe", shadowLabel: "unsafe", trueLabel: "unsafe"));
        engine.Process(Prediction(T0.AddMinutes(1), variant: "int8", label: "safe", shadowLabel: "unsafe", trueLabel: "unsafe"));
        engine.Process(Prediction(T0.AddMinutes(1), variant: "int8", label: "unsafe", shadowLabel: "safe", trueLabel: "unsafe"));
        engine.Process(Prediction(T0.AddMinutes(1), variant: "int8", label: "safe", shadowLabel: "safe", trueLabel: "safe"));
        engine.Flush();

        var shadow = Labels(engine.TakeResults(), "int8").References.Single(r => r.Reference == "shadow").Values;
        Assert.Equal(4, shadow["paired_count"]);
        Assert.Equal(2, shadow["mcnemar_b"]);
        Assert.Equal(1, shadow["mcnemar_c"]);
        Assert.Equal(3, shadow["mcnemar_discordant"]);
        // Exact: min(1, 2 * BinomCDF(1; 3, 1/2)) = min(1, 2 * 0.5) = 1.
        Assert.Equal(1.0, shadow["mcnemar_p_exact"], 12);
        Assert.Equal(-0.25, shadow["accuracy_diff"], 12);
        // Discordance CUSUM with the default alternative 0.9: 2 ln(1.8) + ln(0.2), clipped at 0.
        Assert.Equal(Math.Max(0, (2 * Math.Log(1.8)) + Math.Log(0.2)), shadow["mcnemar_cusum"], 12);
    }

    [Fact]
    public void Process_ShadowDiscordanceOverWindows_AccumulatesCusumPerKey()
    {
        var engine = Engine();
        for (var window = 0; window < 3; window++)
        {
            // Three pairs per window in which the shadow is right and the variant wrong; none the other way.
            for (var i = 0; i < 3; i++)
            {
                engine.Process(Prediction(T0.AddMinutes((5 * window) + 1), variant: "int8", label: "safe", shadowLabel: "unsafe", trueLabel: "unsafe"));
            }
        }

        engine.Flush();

        var cusum = engine.TakeResults()
            .Where(r => r.Kind == WindowKind.Labels && r.Key.Variant == "int8" && r.Key.Slice == WindowKey.AllSlice)
            .OrderBy(r => r.WindowStart)
            .Select(r => r.References.Single(x => x.Reference == "shadow").Values["mcnemar_cusum"])
            .ToList();
        Assert.Equal([3 * Math.Log(1.8), 6 * Math.Log(1.8), 9 * Math.Log(1.8)], cusum, (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
