using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class SliceAndRateTests
{
    private static Dictionary<string, string> Segment(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private static List<WindowResult> Run(EngineOptions options, params Contracts.PredictionRecord[] records)
    {
        var engine = new WindowEngine(options);
        foreach (var record in records)
        {
            engine.Process(record);
        }

        engine.Flush();
        return engine.TakeResults().Where(r => r.Kind == WindowKind.Traffic).ToList();
    }

    [Fact]
    public void Process_SegmentAttributes_GiveAllPlusOneSlicePerValue()
    {
        var results = Run(
            new EngineOptions(),
            Prediction(T0, segment: Segment(("locale", "de"), ("channel", "api"))),
            Prediction(T0, segment: Segment(("locale", "en"), ("channel", "api"))));

        var slices = results.Select(r => (r.Key.Slice, r.Count)).ToList();
        Assert.Equal([("all", 2L), ("channel=api", 2L), ("locale=de", 1L), ("locale=en", 1L)], slices);
    }

    [Fact]
    public void Process_ConfiguredAttributes_SliceOnlyThose()
    {
        var results = Run(
            new EngineOptions { SegmentAttributes = ["locale"] },
            Prediction(T0, segment: Segment(("locale", "de"), ("channel", "api"))));

        Assert.Equal(["all", "locale=de"], results.Select(r => r.Key.Slice));
    }

    [Fact]
    public void Process_MoreValuesThanCap_OverflowToOtherAndCounted()
    {
        var options = new EngineOptions { MaxSliceValuesPerAttribute = 2 };
        var engine = new WindowEngine(options);
        foreach (var locale in new[] { "en", "de", "fr", "ja", "fr" })
        {
            engine.Process(Prediction(T0, segment: Segment(("locale", locale))));
        }

        engine.Flush();
        var slices = engine.TakeResults().Where(r => r.Kind == WindowKind.Traffic).ToDictionary(r => r.Key.Slice, r => r.Count);
        Assert.Equal(3, slices["locale=other"]);
        Assert.Equal(1, slices["locale=en"]);
        Assert.Equal(3, engine.Counters.SliceOverflow);
    }

    [Fact]
    public void WriteMetrics_FlaggedRate_HasWilsonInterval()
    {
        var records = Enumerable.Range(0, 10).Select(i => Prediction(T0, flagged: i < 3, refused: false)).ToArray();
        var all = Run(new EngineOptions(), records).Single();

        Assert.Equal(0.3, all.Metrics["flagged_rate"], 12);
        // Wilson 95% for 3/10 (statsmodels proportion_confint(3, 10, method='wilson')).
        Assert.Equal(0.10779126740630104, all.Metrics["flagged_rate_low"], 9);
        Assert.Equal(0.6032218525388546, all.Metrics["flagged_rate_high"], 9);
        Assert.Equal(0.0, all.Metrics["refused_rate"]);
    }

    [Fact]
    public void WriteMetrics_ShadowFlips_GiveFlipRate()
    {
        var all = Run(
            new EngineOptions(),
            Prediction(T0, variant: "int8", label: "safe", shadowLabel: "safe"),
            Prediction(T0, variant: "int8", label: "safe", shadowLabel: "unsafe"),
            Prediction(T0, variant: "int8", label: "unsafe", shadowLabel: "unsafe"),
            Prediction(T0, variant: "int8", label: "unsafe")).Single();

        Assert.Equal(3, all.Metrics["shadow_count"]);
        Assert.Equal(1.0 / 3, all.Metrics["flip_rate"], 12);
    }

    [Fact]
    public void WriteMetrics_Probabilities_GiveEntropyLowConfidenceAndHistogram()
    {
        var all = Run(
            new EngineOptions(),
            Prediction(T0, unsafeProbability: 0.5),
            Prediction(T0, unsafeProbability: 0.05),
            Prediction(T0, unsafeProbability: 1.0)).Single();

        var expectedEntropy = (Math.Log(2) + -(0.05 * Math.Log(0.05) + 0.95 * Math.Log(0.95)) + 0) / 3;
        Assert.Equal(expectedEntropy, all.Metrics["entropy_mean"], 12);
        Assert.Equal(1.0 / 3, all.Metrics["low_confidence_rate"], 12);
        Assert.Equal([1L, 0, 0, 0, 0, 1, 0, 0, 0, 1], all.Histograms["positive_probability"].Counts);
        Assert.Equal(0.5166666666666667, all.Metrics["positive_probability_mean"], 12);
    }

    [Fact]
    public void Close_VariantAndBaselineInSameWindow_ComparedWithBaseline()
    {
        var records = Enumerable.Range(0, 100).Select(i => Prediction(T0, variant: "baseline", flagged: i < 10))
            .Concat(Enumerable.Range(0, 100).Select(i => Prediction(T0, variant: "int8", flagged: i < 30)))
            .ToArray();
        var results = Run(new EngineOptions(), records);

        var variant = results.Single(r => r.Key.Variant == "int8");
        var baseline = variant.References.Single(r => r.Reference == "baseline").Values;
        Assert.Equal(100, baseline["baseline_count"]);
        Assert.Equal(0.2, baseline["flagged_rate_diff"], 12);
        Assert.True(baseline["flagged_rate_diff_low"] > 0.08 && baseline["flagged_rate_diff_low"] < 0.2);
        Assert.DoesNotContain(results.Single(r => r.Key.Variant == "baseline").References, r => r.Reference == "baseline");
    }

    [Fact]
    public void Close_Latency_QuantilesFromSketch()
    {
        var records = Enumerable.Range(1, 1000).Select(i => Prediction(T0, latency: i)).ToArray();
        var all = Run(new EngineOptions(), records).Single();

        Assert.Equal(500.5, all.Metrics["latency_mean_ms"], 9);
        Assert.InRange(all.Metrics["latency_p50_ms"], 480, 520);
        Assert.InRange(all.Metrics["latency_p99_ms"], 975, 1000);
    }

    [Fact]
    public void Close_VariantSlowerThanBaseline_LatencyP95DifferenceAndRatio()
    {
        var records = Enumerable.Range(1, 1000).Select(i => Prediction(T0, variant: "baseline", latency: i))
            .Concat(Enumerable.Range(1, 1000).Select(i => Prediction(T0, variant: "int8", latency: 2 * i)))
            .ToArray();
        var results = Run(new EngineOptions(), records);

        var variant = results.Single(r => r.Key.Variant == "int8" && r.Key.Slice == "all");
        var baseline = variant.References.Single(r => r.Reference == "baseline").Values;
        Assert.InRange(baseline["latency_p95_diff_ms"], 900, 1000);
        Assert.InRange(baseline["latency_p95_ratio"], 1.95, 2.05);
    }
}
