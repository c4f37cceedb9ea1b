using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Testing;

namespace CompressionSafety.Engine.Tests;

/// <summary>
/// The shipped <c>latency-regression-vs-baseline</c> rule judges the p95 relative to the baseline's: an assistant whose
/// p95 of 700 ms scatters by tens of milliseconds must not fire on that scatter (the absolute 5 ms margin it had did,
/// at a quarter of issue 17's volume), while a variant 50% slower than its baseline for two windows fires.
/// </summary>
public sealed class DefaultLatencyRuleTests
{
    private static readonly WindowKey AssistantSlice = new("assistant-llm", "pruned-50", "channel=web");

    private static RuleSet LatencyRule()
    {
        var rules = RuleLoader.LoadDirectory(RepositoryRoot.Combine("alert-rules"));
        return new RuleSet(rules.Rules.Where(r => r.Id == "latency-regression-vs-baseline").ToList(), []);
    }

    private static WindowResult Window(int index, double variantP95, double baselineP95, double count)
    {
        var start = Records.T0 + TimeSpan.FromMinutes(5 * index);
        return new WindowResult(
            AssistantSlice,
            WindowKind.Traffic,
            start,
            start + TimeSpan.FromMinutes(5),
            (long)count,
            new Dictionary<string, double> { ["count"] = count, ["latency_count"] = count, ["latency_p95_ms"] = variantP95 },
            [new ReferenceComparison(ReferenceNames.Baseline, new Dictionary<string, double>
            {
                ["baseline_count"] = count,
                ["latency_p95_diff_ms"] = variantP95 - baselineP95,
                ["latency_p95_ratio"] = variantP95 / baselineP95,
            })],
            new Dictionary<string, Histogram>());
    }

    [Fact]
    public void Evaluate_SlowAssistantP95ScatterOfTensOfMilliseconds_NoIncident()
    {
        var evaluator = new RuleEvaluator(LatencyRule());

        var changes = Enumerable.Range(0, 10).SelectMany(i => evaluator.Evaluate(Window(i, 740, 700, 400))).ToList();

        Assert.Empty(changes);
    }

    [Fact]
    public void Evaluate_VariantHalfAgainAsSlowForTwoWindows_FiresOnTheSecond()
    {
        var evaluator = new RuleEvaluator(LatencyRule());

        var first = evaluator.Evaluate(Window(0, 45, 30, 400));
        var second = evaluator.Evaluate(Window(1, 45, 30, 400));

        Assert.Empty(first);
        Assert.Equal(IncidentStatus.Firing, Assert.Single(second).Status);
    }

    [Fact]
    public void Evaluate_SlowButFewerThanTwoHundredRecords_NotJudged()
    {
        var evaluator = new RuleEvaluator(LatencyRule());

        var changes = Enumerable.Range(0, 4).SelectMany(i => evaluator.Evaluate(Window(i, 45, 30, 150))).ToList();

        Assert.Empty(changes);
    }
}
