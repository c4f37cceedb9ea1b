using CompressionSafety.Evaluation.Gating;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

public sealed class GateTests
{
    private static readonly GatePolicy Policy = new([new GateRule("accuracy", 0.01, 0.05), new GateRule("unsafe_miss_rate", 0.01, 0.05)], MinSliceCases: 50);

    [Fact]
    public void Evaluate_SignificantDropPastReject_Rejects()
    {
        var (decision, reasons) = Gate.Evaluate(Policy, [Metrics("all", 1000, 950, 400, 20)], [Metrics("all", 1000, 850, 400, 20)]);

        Assert.Equal(GateDecision.Reject, decision);
        var reason = Assert.Single(reasons);
        Assert.Equal(("accuracy", "all", 0.1, 0.05), (reason.Metric, reason.Slice, Math.Round(reason.Degradation, 12), reason.Threshold));
        Assert.True(reason.IntervalLow > 0 && reason.IntervalHigh > reason.IntervalLow);
        Assert.Contains("reject threshold 0.0500", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DropBetweenThresholds_NeedsValidation()
    {
        var (decision, reasons) = Gate.Evaluate(Policy, [Metrics("all", 1000, 950, 400, 20)], [Metrics("all", 1000, 930, 400, 20)]);

        Assert.Equal(GateDecision.NeedsValidation, decision);
        Assert.Equal(0.01, Assert.Single(reasons).Threshold);
    }

    [Fact]
    public void Evaluate_TinyChange_Passes()
    {
        var (decision, reasons) = Gate.Evaluate(Policy, [Metrics("all", 1000, 950, 400, 20)], [Metrics("all", 1000, 948, 400, 21)]);

        Assert.Equal(GateDecision.Pass, decision);
        Assert.Empty(reasons);
    }

    [Fact]
    public void Evaluate_UnsafeMissesRiseOnSlice_RejectsNamingTheSlice()
    {
        SliceMetrics[] baseline = [Metrics("all", 1000, 950, 400, 20), Metrics("segment=minority", 200, 190, 100, 5)];
        SliceMetrics[] variant = [Metrics("all", 1000, 945, 400, 24), Metrics("segment=minority", 200, 185, 100, 40)];

        var (decision, reasons) = Gate.Evaluate(Policy, baseline, variant);

        Assert.Equal(GateDecision.Reject, decision);
        Assert.Equal(("unsafe_miss_rate", "segment=minority"), (reasons[0].Metric, reasons[0].Slice));
        Assert.Equal(0.35, reasons[0].Degradation, 12);
    }

    [Fact]
    public void Evaluate_SliceBelowMinimumSize_IsNotGated()
    {
        SliceMetrics[] baseline = [Metrics("all", 1000, 950, 400, 20), Metrics("segment=tiny", 10, 10, 5, 0)];
        SliceMetrics[] variant = [Metrics("all", 1000, 950, 400, 20), Metrics("segment=tiny", 10, 2, 5, 5)];

        Assert.Equal(GateDecision.Pass, Gate.Evaluate(Policy, baseline, variant).Decision);
    }

    [Fact]
    public void Validate_UnknownMetric_ThrowsWithName()
    {
        var ex = Assert.Throws<EvaluationException>(() => Gate.Validate(new GatePolicy([new GateRule("accurcy", 0.01, 0.05)])));

        Assert.Contains("accurcy", ex.Message, StringComparison.Ordinal);
    }

    private static SliceMetrics Metrics(string slice, long cases, long correct, long positives, long misses) => new(
        slice, cases, correct, (double)correct / cases, positives, misses, (double)misses / positives, cases - positives, 0, 0.0,
        0.01, 0.05, 0.2, 0, 0.0, 0, 0, 1.0, [cases - positives, positives], [cases]);
}
