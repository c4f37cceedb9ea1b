using CompressionSafety.Engine.Metrics;
using CompressionSafety.Engine.Rules;
using CompressionSafety.Engine.Windows;
using Microsoft.Extensions.Logging.Abstractions;

namespace CompressionSafety.InfluxDb.Tests;

/// <summary>Hand-built window results and sink settings for the tests (the engine is not needed).</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static WindowResult Window(int index, string variant = "int8", int metrics = 1)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < metrics; i++)
        {
            values[i == 0 ? "flagged_rate" : "category_rate.c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 0.01 * (index % 100) + i;
        }

        var start = Start.AddMinutes(index);
        return new WindowResult(
            new WindowKey("toxicity-guard", variant, WindowKey.AllSlice),
            WindowKind.Traffic,
            start,
            start.AddMinutes(1),
            100,
            values,
            [],
            new Dictionary<string, Histogram>());
    }

    public static WindowResult RichWindow() => new(
        new WindowKey("toxicity-guard", "int8", "locale=de"),
        WindowKind.Traffic,
        Start,
        Start.AddMinutes(5),
        400,
        new Dictionary<string, double> { ["flagged_rate"] = 0.125, ["count"] = 400, ["latency_p95_ms"] = double.NaN },
        [new ReferenceComparison(ReferenceNames.Baseline, new Dictionary<string, double> { ["flagged_rate_diff"] = -0.0375 })],
        new Dictionary<string, Histogram>());

    /// <summary>A state change of a critical rule labelled team=safety on (toxicity-guard, int8, slice).</summary>
    public static Incident Incident(IncidentStatus status, DateTimeOffset windowStart, string slice = WindowKey.AllSlice, string rule = "flagged-rate-up")
    {
        var alert = new AlertRule
        {
            Id = rule,
            Condition = new RuleCondition("flagged_rate_diff", ReferenceNames.Baseline, ComparisonOperator.Greater, 0.01),
            Severity = RuleSeverity.Critical,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "safety" },
        };
        var key = new WindowKey("toxicity-guard", "int8", slice);
        var evidence = new IncidentEvidence(
            "flagged_rate_diff", ReferenceNames.Baseline, 0.04, null, null, null, "flagged_rate_diff > 0.01",
            new Dictionary<string, double>(), new Dictionary<string, double>(), [windowStart], windowStart, windowStart.AddMinutes(5), "- id: " + rule);
        return new Incident(RuleEvaluator.IncidentId(rule, key, Start), alert, status, key, windowStart, windowStart.AddMinutes(5), Start, evidence);
    }

    public static InfluxDbOptions Options(string url, int queue = 10_000, int batch = 500) => new()
    {
        Url = url,
        Org = "compression-safety",
        Bucket = "metrics",
        Token = "test-token",
        MaxQueueSize = queue,
        MaxExportBatchSize = batch,
        ScheduledDelay = TimeSpan.FromMilliseconds(20),
        ExportTimeout = TimeSpan.FromSeconds(2),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    public static InfluxDbMetricsSink Sink(InfluxDbOptions options) =>
        new(options, TimeProvider.System, NullLogger<InfluxDbMetricsSink>.Instance);
}
