using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public sealed class LatencyHistogramTests
{
    private static readonly LogBinning Bins = LogBinning.Latency;

    [Fact]
    public void Edges_Latency_AreFixedLogSpacedFromTenthOfMillisecondWithInfiniteLast()
    {
        var edges = Bins.Edges;

        Assert.Equal(163, edges.Count);
        Assert.Equal(0.0, edges[0]);
        Assert.Equal(0.1, edges[1]);
        Assert.Equal(0.2, edges[9]);
        Assert.Equal(104857.6, edges[^2], 9);
        Assert.Equal(double.PositiveInfinity, edges[^1]);
        for (var k = 2; k < edges.Count - 1; k++)
        {
            Assert.Equal(Math.Pow(2, 1.0 / 8), edges[k] / edges[k - 1], 12);
        }
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.05, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.15, 5)]
    [InlineData(0.2, 9)]
    [InlineData(1.0, 27)]
    [InlineData(3.3, 41)]
    [InlineData(7.4, 50)]
    [InlineData(100.0, 80)]
    [InlineData(1000.0, 107)]
    [InlineData(104857.5, 160)]
    [InlineData(104857.6, 161)]
    [InlineData(1e9, 161)]
    [InlineData(-1.0, 0)]
    [InlineData(double.NaN, 0)]
    public void BinOf_KnownLatency_GivesExpectedBin(double latency, int expected) =>
        Assert.Equal(expected, Bins.BinOf(latency));

    [Fact]
    public void BinOf_EveryEdge_StartsItsBinAndTheValueBelowEndsThePrevious()
    {
        for (var k = 1; k < Bins.Bins; k++)
        {
            var edge = Bins.Edges[k];
            Assert.Equal(k, Bins.BinOf(edge));
            Assert.Equal(k - 1, Bins.BinOf(Math.BitDecrement(edge)));
        }
    }

    [Fact]
    public void Flush_KnownLatencies_CountsLandInTheirBins()
    {
        var engine = Engine();
        foreach (var latency in new[] { 0.05, 0.1, 1.0, 7.4, 7.4, 200000.0 })
        {
            engine.Process(Prediction(T0.AddSeconds(1), latency: latency));
        }

        engine.Process(Prediction(T0.AddSeconds(2)));
        engine.Flush();
        var counts = Traffic(engine.TakeResults()).Single().Histograms["latency_ms"].Counts;

        var expected = new long[162];
        expected[0] = 1;
        expected[1] = 1;
        expected[27] = 1;
        expected[50] = 2;
        expected[161] = 1;
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void Flush_SeededLatencies_CountsSumToLatencyCountForEveryKey()
    {
        var random = new Random(20261127);
        var engine = Engine();
        for (var i = 0; i < 2000; i++)
        {
            // Log-normal around 20 ms, a fifth of the records without latency, two variants and locales, two windows.
            double? latency = i % 5 == 0 ? null : Math.Exp(3 + random.NextDouble() * 2 - 1);
            var segment = new Dictionary<string, string> { ["locale"] = i % 3 == 0 ? "de" : "en" };
            engine.Process(Prediction(T0.AddSeconds(i * 0.3), variant: i % 2 == 0 ? "baseline" : "int8", segment: segment, latency: latency));
        }

        engine.Flush();
        var traffic = Traffic(engine.TakeResults());

        Assert.True(traffic.Count >= 12);
        Assert.All(traffic, r => Assert.Equal((long)r.Metrics["latency_count"], r.Histograms["latency_ms"].Counts.Sum()));
        Assert.Equal(1600, traffic.Where(r => r.Key.Slice == "all").Sum(r => r.Histograms["latency_ms"].Counts.Sum()));
    }

    [Fact]
    public void Write_LatencyHistogram_WritesRuleAndNonZeroCountsByIndex()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(1), latency: 1.0));
        engine.Process(Prediction(T0.AddSeconds(2), latency: 7.4));
        engine.Process(Prediction(T0.AddSeconds(3), latency: 7.4));
        engine.Flush();
        var traffic = Traffic(engine.TakeResults()).Single();

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WindowResultJson.Write(writer, traffic);
        }

        var json = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\"latency_ms\":{\"first_edge\":0.1,\"bins_per_doubling\":8,\"bins\":162,\"counts\":{\"27\":1,\"50\":2}}", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.False(document.RootElement.GetProperty("histograms").GetProperty("latency_ms").TryGetProperty("edges", out _));
    }

    [Fact]
    public void Write_NoLatency_WritesEmptyCounts()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddSeconds(1)));
        engine.Flush();
        var traffic = Traffic(engine.TakeResults()).Single();

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WindowResultJson.Write(writer, traffic);
        }

        Assert.Contains("\"bins\":162,\"counts\":{}}", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    private static List<WindowResult> Traffic(IEnumerable<WindowResult> results) =>
        results.Where(r => r.Kind == WindowKind.Traffic).ToList();

    private static WindowEngine Engine() => new(new EngineOptions
    {
        WindowSize = TimeSpan.FromMinutes(5),
        Grace = TimeSpan.FromMinutes(1),
        LabelHorizon = TimeSpan.FromMinutes(30),
        DedupHorizon = TimeSpan.FromMinutes(10),
    });
}
