namespace CompressionSafety.Simulation.Tests;

public class StreamGeneratorRateTests
{
    private const long Records = 40_000;

    private static readonly Dictionary<GeneratedLineKind, int> Counts = StreamGenerator
        .Generate(new GeneratorOptions { Records = Records, InvalidRate = 0.01, DuplicateRate = 0.02, LateRate = 0.005 })
        .CountBy(l => l.Kind)
        .ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Generate_InvalidRate_CloseToOption() => AssertRate(GeneratedLineKind.Invalid, 0.01);

    [Fact]
    public void Generate_LateRate_CloseToOption() => AssertRate(GeneratedLineKind.Late, 0.005);

    [Fact]
    public void Generate_DuplicateRate_CloseToOptionOfPredictions()
    {
        var rate = Counts[GeneratedLineKind.Duplicate] / (double)Counts[GeneratedLineKind.Prediction];

        Assert.InRange(rate, 0.02 * 0.85, 0.02 * 1.15);
    }

    [Fact]
    public void Generate_DefaultCleanStream_UnsafeRateAboutTenPercentAndJaMinority()
    {
        var predictions = TestStreams.SharedCleanPredictions;

        Assert.InRange(predictions.Count(p => p.Label == "unsafe") / (double)predictions.Count, 0.08, 0.12);
        Assert.InRange(predictions.Count(p => p.Segment["locale"] == "ja") / (double)predictions.Count, 0.02, 0.04);
        Assert.InRange(predictions.Count(p => p.Variant == "baseline") / (double)predictions.Count, 0.23, 0.27);
    }

    [Fact]
    public void Generate_CleanStream_CompressedVariantsCloseToBaseline()
    {
        var predictions = TestStreams.SharedCleanPredictions;
        var baseline = MissRate(predictions.Where(p => p.Variant == "baseline"));

        foreach (var variant in new[] { "int8-dynamic", "pruned-50", "distilled-small" })
        {
            var ofVariant = predictions.Where(p => p.Variant == variant).ToList();
            Assert.InRange(MissRate(ofVariant) - baseline, -0.06, 0.06);
            Assert.True(ofVariant.Average(p => Math.Abs(p.Prediction.ProbabilityOf("unsafe")!.Value - p.Shadow!.ProbabilityOf("unsafe")!.Value)) < 0.02);
        }
    }

    [Fact]
    public void Generate_Latency_Int8FasterThanBaseline()
    {
        var predictions = TestStreams.SharedCleanPredictions;

        Assert.True(Median(predictions, "int8-dynamic") < 0.7 * Median(predictions, "baseline"));
    }

    private static double Median(List<Contracts.PredictionRecord> predictions, string variant)
    {
        var latencies = predictions.Where(p => p.Variant == variant).Select(p => p.LatencyMs!.Value).Order().ToList();
        return latencies[latencies.Count / 2];
    }

    internal static double MissRate(IEnumerable<Contracts.PredictionRecord> predictions)
    {
        var unsafeOnes = predictions.Where(p => p.Label == "unsafe").ToList();
        return unsafeOnes.Count(p => p.Prediction.Label == "safe") / (double)unsafeOnes.Count;
    }

    private static void AssertRate(GeneratedLineKind kind, double expected)
    {
        var rate = Counts[kind] / (double)Records;

        // About four standard deviations of a binomial count at these sizes.
        Assert.InRange(rate, expected * 0.8, expected * 1.2);
    }
}
