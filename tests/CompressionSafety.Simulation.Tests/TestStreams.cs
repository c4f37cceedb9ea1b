using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation.Tests;

/// <summary>Small streams and helpers shared by the tests.</summary>
internal static class TestStreams
{
    /// <summary>A clean stream: no dirt, every prediction labelled inline, so rates can be computed from the records.</summary>
    public static GeneratorOptions Clean(long records, int seed = 7) => new()
    {
        Seed = seed,
        Records = records,
        InlineLabelRate = 1.0,
        DelayedLabelRate = 0,
        InvalidRate = 0,
        DuplicateRate = 0,
        LateRate = 0,
    };

    /// <summary>One clean stream shared by every test that only reads it: generating and parsing it once keeps the suite fast.</summary>
    public static GeneratorOptions SharedCleanOptions { get; } = Clean(50_000);

    private static readonly Lazy<List<GeneratedLine>> SharedLines = new(() => Lines(SharedCleanOptions));
    private static readonly Lazy<List<PredictionRecord>> SharedPredictions = new(() => [.. SharedLines.Value.Select(Prediction)]);

    public static List<GeneratedLine> SharedCleanLines => SharedLines.Value;

    public static List<PredictionRecord> SharedCleanPredictions => SharedPredictions.Value;

    public static List<GeneratedLine> Lines(GeneratorOptions options) => [.. StreamGenerator.Generate(options)];

    public static PredictionRecord Prediction(GeneratedLine line)
    {
        var result = RecordParser.Parse(line.Utf8.Span);
        Assert.True(result.IsValid, result.Rejection?.ToString());
        return Assert.IsType<PredictionRecord>(result.Record);
    }

    public static List<PredictionRecord> Predictions(GeneratorOptions options) =>
        [.. StreamGenerator.Generate(options).Where(l => l.Kind == GeneratedLineKind.Prediction).Select(Prediction)];
}
