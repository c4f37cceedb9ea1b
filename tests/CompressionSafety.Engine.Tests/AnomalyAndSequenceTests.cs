using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public class AnomalyAndSequenceTests
{
    private static List<WindowResult> Run(int shiftWindow, double shiftedRate)
    {
        var engine = new WindowEngine(new EngineOptions());
        var random = new Random(5);
        for (var window = 0; window < 80; window++)
        {
            foreach (var variant in new[] { "baseline", "int8" })
            {
                var rate = variant == "int8" && window >= shiftWindow ? shiftedRate : 0.1;
                for (var i = 0; i < 200; i++)
                {
                    engine.Process(Prediction(T0.AddMinutes((window * 5) + (i * 0.02)), variant: variant, flagged: random.NextDouble() < rate));
                }
            }
        }

        engine.Flush();
        return engine.TakeResults().Where(r => r.Kind == WindowKind.Traffic && r.Key.Slice == "all" && r.Key.Variant == "int8").ToList();
    }

    [Fact]
    public void Close_FlaggedRateShift_CusumSignalsAfterTheShiftOnly()
    {
        var results = Run(shiftWindow: 50, shiftedRate: 0.3);

        var signals = results
            .Select((r, i) => (Index: i, Signal: r.Metrics.GetValueOrDefault("anomaly_signal.flagged_rate.cusum")))
            .Where(x => x.Signal == 1)
            .Select(x => x.Index)
            .ToList();
        Assert.NotEmpty(signals);
        Assert.All(signals, index => Assert.InRange(index, 50, 60));
        Assert.True(results[10].Metrics.ContainsKey("anomaly.flagged_rate.adwin"));
    }

    [Fact]
    public void Close_FlaggedRateShift_ConfidenceSequenceExcludesZero()
    {
        var results = Run(shiftWindow: 0, shiftedRate: 0.2);

        var baseline = results[^1].References.Single(r => r.Reference == ReferenceNames.Baseline).Values;
        Assert.True(baseline["flagged_rate_diff_cs_low"] > 0.03, $"low {baseline["flagged_rate_diff_cs_low"]}");
        Assert.True(baseline["flagged_rate_diff_cs_high"] < 0.17);
    }

    [Fact]
    public void Close_NoShift_ConfidenceSequenceContainsZeroThroughout()
    {
        var results = Run(shiftWindow: int.MaxValue, shiftedRate: 0.1);

        Assert.All(results, r =>
        {
            var values = r.References.Single(c => c.Reference == ReferenceNames.Baseline).Values;
            Assert.InRange(0.0, values["flagged_rate_diff_cs_low"], values["flagged_rate_diff_cs_high"]);
        });
    }
}
