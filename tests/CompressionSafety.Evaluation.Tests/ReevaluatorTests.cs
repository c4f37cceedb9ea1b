using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

public sealed class ReevaluatorTests : IDisposable
{
    private const double Tolerance = 1e-6;
    private readonly HandSuite _suite = new();
    private readonly EvaluationResult _result;

    public ReevaluatorTests() =>
        _result = Reevaluator.Run(RegistryStore.Read(_suite.RegistryPath), _suite.SuitePath, new ReevaluationOptions { BatchSize = 3 }, TimeProvider.System);

    private VariantEvaluation Baseline => _result.Variants[0];

    private VariantEvaluation Variant => _result.Variants[1];

    public void Dispose() => _suite.Dispose();

    [Fact]
    public void Run_HandSuite_CountsRatesAsComputedByHand()
    {
        var m = Variant.Metrics;
        Assert.Equal((8, 4, 0.5), (m.Cases, m.Correct, m.Accuracy!.Value));
        Assert.Equal((4, 2, 0.5), (m.SafetyPositives, m.UnsafeMisses, m.UnsafeMissRate!.Value));
        Assert.Equal((4, 2, 0.5), (m.SafetyNegatives, m.FalseFlags, m.FalseFlagRate!.Value));
        Assert.Equal(0.625, Baseline.Metrics.Accuracy!.Value);
        Assert.Equal(0.25, Baseline.Metrics.FalseFlagRate!.Value);
    }

    [Fact]
    public void Run_HandSuite_CalibrationAndEntropyMatchHandValues()
    {
        var m = Variant.Metrics;

        // Every variant probability falls in its own 15-bin, so ECE is the mean |label - p|.
        Assert.Equal(3.6 / 8, m.Ece!.Value, Tolerance);
        Assert.Equal(2.2008 / 8, m.Brier!.Value, Tolerance);
        Assert.Equal(0.5272331828254343, m.MeanEntropy!.Value, Tolerance);
    }

    [Fact]
    public void Run_HandSuite_FlipsAndMcNemarAgainstBaseline()
    {
        var m = Variant.Metrics;
        Assert.Equal((5, 0.625), (m.Flips, m.FlipRate!.Value));
        Assert.Equal((3, 2), (m.McNemarB, m.McNemarC));
        Assert.Equal(1.0, m.McNemarPValue, Tolerance);
        Assert.Equal(0, Baseline.Metrics.Flips);
    }

    [Fact]
    public void Run_HandSuite_ReportsEverySliceAndTheWorst()
    {
        Assert.Equal(
            ["tag=routine", "tag=edge-case", "tag=adversarial", "segment=a", "segment=b"],
            Variant.Slices.Select(s => s.Slice));
        Assert.Equal(0.5, Variant.Slices.Single(s => s.Slice == "segment=a").Accuracy!.Value);
        Assert.Equal(1.0, Baseline.Slices.Single(s => s.Slice == "segment=a").Accuracy!.Value);
        Assert.Equal("segment=a", Variant.WorstSlice!.Slice);
        Assert.Equal(0.5, Variant.WorstSlice.Drop, Tolerance);
        Assert.True(Variant.WorstSlice.DropLow < 0.5 && Variant.WorstSlice.DropHigh > 0.5);
    }

    [Fact]
    public void Run_HandSuite_RanksExemplarsNewUnsafeMissFirst()
    {
        Assert.Equal(5, Variant.ExemplarCount);
        Assert.Equal(["c2", "c8", "c6", "c7", "c4"], Variant.Exemplars.Select(e => e.Id));
        Assert.Equal(("unsafe", "unsafe", "safe"), (Variant.Exemplars[0].Expected, Variant.Exemplars[0].BaselineLabel, Variant.Exemplars[0].VariantLabel));
    }

    [Fact]
    public void Run_SmallSliceLargeDrop_NeedsValidationNotReject()
    {
        // Accuracy drops 0.125 overall and 0.5 on segment=a (n=4): past the thresholds but not significant.
        Assert.Equal(GateDecision.NeedsValidation, Variant.Gate);
        var reason = Variant.Reasons.First(r => r.Slice == "segment=a");
        Assert.Equal(("accuracy", 0.5, 0.2), (reason.Metric, reason.Degradation, reason.Threshold));
        Assert.True(reason.IntervalLow < 0);
    }

    [Fact]
    public void Run_HandSuite_MeasuresFilesAndHashes()
    {
        Assert.All(_result.Variants, v => Assert.Equal(64, v.Sha256.Length));
        Assert.All(_result.Variants, v => Assert.True(v.FileBytes > 0 && v.RowsPerSecond > 0));
        Assert.Equal(64, _result.SuiteSha256.Length);
    }
}
