using System.Globalization;
using CompressionSafety.Contracts;

namespace CompressionSafety.Worker.Tests.Worker;

/// <summary>A small deterministic stream of predictions: one model, a baseline and a compressed variant, one record a second.</summary>
internal static class TestStream
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static List<PredictionRecord> Predictions(int count, int seed = 7, string model = "guard")
    {
        var random = new Random(seed);
        var records = new List<PredictionRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var unsafeProbability = Math.Round(random.NextDouble(), 3);
            records.Add(new PredictionRecord(
                "e-" + i.ToString(CultureInfo.InvariantCulture),
                Start.AddSeconds(i),
                model,
                i % 2 == 0 ? "baseline" : "int8",
                new ModelOutput(
                    unsafeProbability >= 0.5 ? "unsafe" : "safe",
                    new Dictionary<string, double> { ["safe"] = 1 - unsafeProbability, ["unsafe"] = unsafeProbability }))
            {
                Label = random.NextDouble() < 0.3 ? "unsafe" : "safe",
            });
        }

        return records;
    }
}
