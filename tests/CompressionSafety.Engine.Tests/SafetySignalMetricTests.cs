using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Tests;

/// <summary>LLM safety metrics: harmful compliance, refusal split by prompt_flagged, per-category differences, rate-change e-detectors.</summary>
public sealed class SafetySignalMetricTests
{
    [Fact]
    public void Close_PromptFlaggedRecords_SplitsRefusalIntoHarmfulAndBenign()
    {
        var engine = new WindowEngine(new EngineOptions());
        // Variant: 10 harmful requests, 4 refused; 20 benign, 2 refused; 3 answered and flagged. Baseline: 10 harmful, 9 refused.
        Add(engine, "int4", harmful: 10, harmfulRefused: 4, benign: 20, benignRefused: 2, answeredFlagged: 3);
        Add(engine, "baseline", harmful: 10, harmfulRefused: 9, benign: 20, benignRefused: 1, answeredFlagged: 0);
        engine.Flush();

        var variant = engine.TakeResults().Single(r => r.Kind == WindowKind.Traffic && r.Key.Variant == "int4");
        Assert.Equal(0.4, variant.Metrics["harmful_refusal_rate"], 12);
        Assert.Equal(10, variant.Metrics["harmful_request_count"]);
        Assert.Equal(0.1, variant.Metrics["benign_refusal_rate"], 12);
        Assert.Equal(20, variant.Metrics["benign_request_count"]);
        Assert.Equal(3.0 / 30, variant.Metrics["harmful_compliance_rate"], 12);
        Assert.Equal(30, variant.Metrics["compliance_count"]);
        var baseline = variant.References.Single(r => r.Reference == ReferenceNames.Baseline).Values;
        Assert.Equal(0.4 - 0.9, baseline["harmful_refusal_rate_diff"], 12);
        Assert.Equal(0.1 - 0.05, baseline["benign_refusal_rate_diff"], 12);
        var newcombe = Proportions.NewcombeDifference(4, 10, 9, 10);
        Assert.Equal(newcombe.High, baseline["harmful_refusal_rate_diff_high"], 12);
        Assert.Equal((3.0 / 30) - 0, baseline["category_rate_diff.violence"], 12);
    }

    [Fact]
    public void Close_RecordsWithoutPromptFlagged_OmitTheSplitRates()
    {
        var engine = new WindowEngine(new EngineOptions());
        for (var i = 0; i < 20; i++)
        {
            engine.Process(Records.Prediction(Records.T0.AddSeconds(i), variant: "int4", refused: i < 3, flagged: false));
            engine.Process(Records.Prediction(Records.T0.AddSeconds(i), variant: "baseline", refused: i < 2, flagged: false));
        }

        engine.Flush();

        var variant = engine.TakeResults().Single(r => r.Kind == WindowKind.Traffic && r.Key.Variant == "int4");
        Assert.False(variant.Metrics.ContainsKey("harmful_refusal_rate"));
        Assert.False(variant.Metrics.ContainsKey("benign_request_count"));
        Assert.Equal(0.15, variant.Metrics["refused_rate"], 12);
        Assert.DoesNotContain(variant.References.Single().Values.Keys, k => k.StartsWith("harmful_refusal", StringComparison.Ordinal));
    }

    [Fact]
    public void Close_RefusalDropOverWindows_DownwardDetectorFollowsRateChangeCusum()
    {
        var engine = new WindowEngine(new EngineOptions());
        var expected = new RateChangeCusum(0.5);
        var want = new List<double>();
        for (var window = 0; window < 3; window++)
        {
            var start = Records.T0.AddMinutes(5 * window);
            for (var i = 0; i < 100; i++)
            {
                engine.Process(Records.Prediction(start.AddSeconds(i), variant: "int4", refused: i < 5, flagged: false));
                engine.Process(Records.Prediction(start.AddSeconds(i), variant: "baseline", refused: i < 15, flagged: false));
            }

            want.Add(expected.Update(5, 100, 15, 100));
        }

        engine.Flush();

        var got = engine.TakeResults()
            .Where(r => r.Kind == WindowKind.Traffic && r.Key.Variant == "int4")
            .Select(r => r.References.Single(c => c.Reference == ReferenceNames.Baseline).Values)
            .ToList();
        Assert.Equal(want, got.Select(v => v["refused_rate_cusum_down"]));
        Assert.All(got, v => Assert.Equal(0.0, v["refused_rate_cusum_up"]));
        Assert.True(want[0] > 0 && want[2] > want[0]);
        Assert.NotNull(MetricCatalog.Find("refused_rate_cusum_down", ReferenceNames.Baseline));
    }

    private static void Add(WindowEngine engine, string variant, int harmful, int harmfulRefused, int benign, int benignRefused, int answeredFlagged)
    {
        var second = 0;
        for (var i = 0; i < harmful + benign; i++)
        {
            var isHarmful = i < harmful;
            var refused = isHarmful ? i < harmfulRefused : i - harmful < benignRefused;
            var flagged = !refused && answeredFlagged-- > 0;
            engine.Process(Records.Prediction(
                Records.T0.AddSeconds(second++), variant: variant, refused: refused, flagged: flagged,
                categories: flagged ? ["violence"] : [], promptFlagged: isHarmful));
        }
    }
}
