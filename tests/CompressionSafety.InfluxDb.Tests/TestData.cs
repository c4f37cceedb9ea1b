using CompressionSafety.Engine.Metrics;
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
