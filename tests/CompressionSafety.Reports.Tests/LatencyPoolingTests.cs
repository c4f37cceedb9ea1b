using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Reports.Tests;

public sealed class LatencyPoolingTests
{
    private static readonly double Ratio = Math.Pow(2, 1.0 / 8);

    [Fact]
    public void Build_LatencyHistograms_PooledPercentilesWithinBinRatioOfDirectPercentiles()
    {
        // Three windows of very different latency and size: a mean of their percentiles is far from the period's.
        var random = new Random(20261127);
        var windows = new[] { LogNormal(random, 2000, 5.0), LogNormal(random, 300, 60.0), LogNormal(random, 40, 900.0) };
        using var inputs = Inputs(windows.Select((latencies, i) => Window(i * 5, latencies, withHistogram: true)));

        var fp32 = Assert.Single(ReportBuilder.Build(inputs.Request()).Resources);

        var all = windows.SelectMany(w => w).ToArray();
        Assert.Equal((ResourceFigures.HistogramPooling, 3L, (long)all.Length), (fp32.Pooling, fp32.Windows, fp32.LatencyCount));
        AssertWithinRatio(NearestRank(all, 0.50), fp32.P50);
        AssertWithinRatio(NearestRank(all, 0.95), fp32.P95);
        AssertWithinRatio(NearestRank(all, 0.99), fp32.P99);
    }

    [Fact]
    public void Build_LatencyHistograms_InterpolatesGeometricallyInsideTheBin()
    {
        // 0.2 ms is edge 8 (0.1 × 2^(8/8)); four values in [0.2, 0.2 × 2^(1/8)): the median is rank 2 of 4, half-way on a log scale.
        using var inputs = Inputs([Window(0, [0.2, 0.201, 0.205, 0.21], withHistogram: true)]);

        var fp32 = Assert.Single(ReportBuilder.Build(inputs.Request()).Resources);

        Assert.Equal(0.2 * Math.Pow(Ratio, 0.5), fp32.P50, 12);
        Assert.Equal(0.2 * Math.Pow(Ratio, 0.95), fp32.P95, 12);
        Assert.Equal(0.2 * Math.Pow(Ratio, 0.99), fp32.P99, 12);
    }

    [Fact]
    public void Build_UnderflowAndOverflow_ReadLinearlyBelowFirstEdgeAndAsLowerBoundAbove()
    {
        // Half below 0.1 ms, half above the last finite edge (0.1 × 2^20 ms).
        using var inputs = Inputs([Window(0, [0.01, 0.02, 0.03, 0.04, 200_000, 300_000, 400_000, 500_000], withHistogram: true)]);

        var fp32 = Assert.Single(ReportBuilder.Build(inputs.Request()).Resources);

        Assert.Equal(0.1, fp32.P50, 12);
        Assert.Equal(104857.6, fp32.P95, 6);
        Assert.Equal(104857.6, fp32.P99, 6);
    }

    [Fact]
    public void Build_OneWindowWithoutHistogram_FallsBackToCountWeightedMean()
    {
        var random = new Random(7);
        var first = LogNormal(random, 100, 10.0);
        var second = LogNormal(random, 300, 20.0);
        using var inputs = Inputs([Window(0, first, withHistogram: true), Window(5, second, withHistogram: false)]);

        var fp32 = Assert.Single(ReportBuilder.Build(inputs.Request()).Resources);

        Assert.Equal(ResourceFigures.MeanPooling, fp32.Pooling);
        Assert.Equal(((100 * NearestRank(first, 0.95)) + (300 * NearestRank(second, 0.95))) / 400, fp32.P95, 9);
        Assert.Equal(((100 * NearestRank(first, 0.50)) + (300 * NearestRank(second, 0.50))) / 400, fp32.P50, 9);
    }

    [Fact]
    public void Write_PooledRow_ReportJsonNamesHistogramPooling()
    {
        using var inputs = Inputs([Window(0, [1, 2, 3], withHistogram: true), Window(5, [4, 5], withHistogram: true)]);

        using var document = JsonDocument.Parse(ReportJson.Write(ReportBuilder.Build(inputs.Request())));

        var row = document.RootElement.GetProperty("resources").EnumerateArray().Single();
        Assert.Equal("histogram", row.GetProperty("latency_pooling").GetString());
        Assert.Equal(5, row.GetProperty("latency_n").GetInt64());
    }

    [Fact]
    public void Build_HistogramWithBinIndexOutOfRange_FailsWithClearMessage()
    {
        var line = Window(0, [1.0], withHistogram: true).Replace("\"27\":1", "\"162\":1", StringComparison.Ordinal);
        using var inputs = Inputs([line]);

        var error = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build(inputs.Request()));
        Assert.Contains("'162' outside 0..161", error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertWithinRatio(double expected, double actual) =>
        Assert.InRange(actual / expected, 1 / Ratio, Ratio);

    /// <summary>The value of rank ⌈q·n⌉ among the sorted values, the definition the histogram's bins bracket.</summary>
    private static double NearestRank(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling((q * sorted.Length) - 1e-9) - 1)];
    }

    private static double[] LogNormal(Random random, int n, double median) =>
        Enumerable.Range(0, n).Select(_ =>
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Round(median * Math.Exp(0.6 * z), 3);
        }).ToArray();

    private static ReportInputs Inputs(IEnumerable<string> windows)
    {
        var inputs = new ReportInputs();
        File.WriteAllText(inputs.WindowsFile, string.Join('\n', windows) + "\n");
        return inputs;
    }

    /// <summary>A traffic window of model m, variant fp32, slice all, with the engine's metrics and (optionally) its sparse latency histogram.</summary>
    private static string Window(int minute, double[] latencies, bool withHistogram)
    {
        var bins = LogBinning.Latency;
        var counts = new long[bins.Bins];
        foreach (var latency in latencies)
        {
            counts[bins.BinOf(latency)]++;
        }

        var sparse = string.Join(',', counts.Select((c, i) => (c, i)).Where(x => x.c > 0).Select(x => $"\"{x.i}\":{x.c}"));
        var histograms = withHistogram
            ? $"{{\"latency_ms\":{{\"first_edge\":0.1,\"bins_per_doubling\":8,\"bins\":162,\"counts\":{{{sparse}}}}}}}"
            : "{}";
        var c = CultureInfo.InvariantCulture;
        return string.Create(c,
            $"{{\"model\":\"m\",\"variant\":\"fp32\",\"slice\":\"all\",\"kind\":\"traffic\",\"window_start\":\"2026-11-26T00:{minute:00}:00.000Z\",\"window_end\":\"2026-11-26T00:{minute + 5:00}:00.000Z\",\"count\":{latencies.Length},\"metrics\":{{\"count\":{latencies.Length},\"latency_count\":{latencies.Length},\"latency_p50_ms\":{NearestRank(latencies, 0.50)},\"latency_p95_ms\":{NearestRank(latencies, 0.95)},\"latency_p99_ms\":{NearestRank(latencies, 0.99)}}},\"reference\":{{}},\"histograms\":{histograms}}}");
    }
}
