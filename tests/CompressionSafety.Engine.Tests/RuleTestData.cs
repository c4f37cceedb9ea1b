using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Tests;

/// <summary>Builds rules and window results for rule tests.</summary>
internal static class RuleTestData
{
    public static readonly WindowKey Int8All = new("toxicity-guard", "int8", "all");

    public static AlertRule Rule(
        string id = "flagged-up",
        int forWindows = 1,
        int keep = 0,
        RuleSeverity severity = RuleSeverity.Warning,
        double threshold = 0.05,
        double minBaseline = 0) =>
        new()
        {
            Id = id,
            Condition = new RuleCondition("flagged_rate_diff", ReferenceNames.Baseline, ComparisonOperator.Greater, threshold),
            MinSamples = minBaseline > 0 ? [new SampleRequirement("baseline_count", ReferenceNames.Baseline, minBaseline)] : [],
            Kind = WindowKind.Traffic,
            For = forWindows,
            KeepFiringFor = keep,
            Severity = severity,
            Gate = severity == RuleSeverity.Critical ? "reject" : "needs-validation",
            SourceText = "- id: " + id,
        };

    /// <summary>A traffic result of window <paramref name="index"/> (5-minute windows from T0) with the given flagged-rate difference.</summary>
    public static WindowResult Window(int index, double diff, WindowKey? key = null, double baselineCount = 500)
    {
        var start = Records.T0 + TimeSpan.FromMinutes(5 * index);
        return new WindowResult(
            key ?? Int8All,
            WindowKind.Traffic,
            start,
            start + TimeSpan.FromMinutes(5),
            400,
            new Dictionary<string, double> { ["count"] = 400, ["flagged_rate"] = 0.1 + diff },
            [new ReferenceComparison(ReferenceNames.Baseline, new Dictionary<string, double>
            {
                ["baseline_count"] = baselineCount,
                ["flagged_rate_diff"] = diff,
                ["flagged_rate_diff_low"] = diff - 0.02,
                ["flagged_rate_diff_high"] = diff + 0.02,
            })],
            new Dictionary<string, Histogram>());
    }
}
