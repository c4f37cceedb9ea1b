using System.Text;
using System.Text.Json;
using CompressionSafety.Engine.Output;
using CompressionSafety.Engine.Windows;
using static CompressionSafety.Engine.Tests.Records;

namespace CompressionSafety.Engine.Tests;

public sealed class ReliabilityHistogramTests
{
    private const int Predictions = 300;

    [Fact]
    public void Flush_LabelledWindow_ReliabilityBinTotalsEqualCalibrationCount()
    {
        var (labels, _) = RunSeeded();
        var reliability = labels.Histograms["reliability"];

        Assert.Equal(15, reliability.Counts.Count);
        Assert.Equal(16, reliability.Edges.Count);
        Assert.Equal((0.0, 1.0), (reliability.Edges[0], reliability.Edges[^1]));
        Assert.Equal((long)labels.Metrics["calibration_count"], reliability.Counts.Sum());
        Assert.Equal(Predictions, reliability.Counts.Sum());
    }

    [Fact]
    public void Flush_LabelledWindow_PositivesOverCountsMatchWindowPositives()
    {
        var (labels, probabilitySum) = RunSeeded();
        var reliability = labels.Histograms["reliability"];

        var positives = reliability.Positives!.Sum();
        Assert.Equal((long)labels.Metrics["positive_count"], positives);
        Assert.Equal(labels.Metrics["positive_count"] / labels.Metrics["labelled_count"], (double)positives / reliability.Counts.Sum(), 12);
        Assert.Equal(probabilitySum, reliability.ProbabilitySums!.Sum(), 9);
    }

    [Fact]
    public void Flush_LabelledWindow_EceFromBinsEqualsWindowEce()
    {
        var (labels, _) = RunSeeded();
        var reliability = labels.Histograms["reliability"];
        var n = reliability.Counts.Sum();

        var ece = 0.0;
        for (var b = 0; b < reliability.Counts.Count; b++)
        {
            var count = reliability.Counts[b];
            if (count > 0)
            {
                ece += (double)count / n * Math.Abs(((double)reliability.Positives![b] / count) - (reliability.ProbabilitySums![b] / count));
            }
        }

        Assert.Equal(labels.Metrics["ece"], ece, 12);
    }

    [Fact]
    public void Write_ReliabilityHistogram_WritesSumsAndPositivesArrays()
    {
        var (labels, _) = RunSeeded();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WindowResultJson.Write(writer, labels);
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var reliability = document.RootElement.GetProperty("histograms").GetProperty("reliability");
        Assert.Equal(15, reliability.GetProperty("counts").GetArrayLength());
        Assert.Equal(15, reliability.GetProperty("probability_sums").GetArrayLength());
        Assert.Equal((long)labels.Metrics["positive_count"], reliability.GetProperty("positives").EnumerateArray().Sum(p => p.GetInt64()));
    }

    [Fact]
    public void Write_TrafficHistogram_HasNoReliabilityFields()
    {
        var engine = Engine();
        engine.Process(Prediction(T0.AddMinutes(1), unsafeProbability: 0.4));
        engine.Flush();
        var traffic = engine.TakeResults().First(r => r.Kind == WindowKind.Traffic);

        Assert.Null(traffic.Histograms["positive_probability"].ProbabilitySums);
        Assert.False(traffic.Histograms.ContainsKey("reliability"));
    }

    private static WindowEngine Engine() => new(new EngineOptions
    {
        WindowSize = TimeSpan.FromMinutes(5),
        Grace = TimeSpan.FromMinutes(1),
        LabelHorizon = TimeSpan.FromMinutes(30),
        DedupHorizon = TimeSpan.FromMinutes(10),
    });

    /// <summary>Predictions with seeded probabilities and labels drawn from them (inline labels), one window.</summary>
    private static (WindowResult Labels, double ProbabilitySum) RunSeeded()
    {
        var random = new Random(20261127);
        var engine = Engine();
        var sum = 0.0;
        for (var i = 0; i < Predictions; i++)
        {
            // Rounded so some probabilities sit exactly on bin edges, where (lo, hi] matters.
            var p = Math.Round(random.NextDouble(), 2);
            var truth = random.NextDouble() < p * 0.8 ? "unsafe" : "safe";
            sum += p;
            engine.Process(Prediction(T0.AddSeconds(i), label: p >= 0.5 ? "unsafe" : "safe", unsafeProbability: p, trueLabel: truth));
        }

        engine.Flush();
        var labels = engine.TakeResults().Single(r => r.Kind == WindowKind.Labels && r.Key.Slice == "all");
        return (labels, sum);
    }
}
