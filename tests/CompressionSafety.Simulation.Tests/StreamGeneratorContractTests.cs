using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation.Tests;

public class StreamGeneratorContractTests
{
    private static readonly GeneratorOptions Dirty = new() { Records = 10_000, InvalidRate = 0.01, DuplicateRate = 0.01, LateRate = 0.01 };

    [Fact]
    public void Generate_ValidKinds_ParseWithTheContract()
    {
        foreach (var line in StreamGenerator.Generate(Dirty).Where(l => l.Kind != GeneratedLineKind.Invalid))
        {
            var result = RecordParser.Parse(line.Utf8.Span);
            Assert.True(result.IsValid, $"{result.Rejection}: {System.Text.Encoding.UTF8.GetString(line.Utf8.Span)}");
            Assert.Equal(line.Timestamp, result.Record!.Timestamp);
            Assert.Equal(line.Kind == GeneratedLineKind.Label, result.Record is LabelRecord);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generate_InvalidLines_RejectedWithEveryReason(bool assistant)
    {
        var options = assistant ? Dirty with { Models = [], AssistantModels = ["assistant-llm"] } : Dirty;
        var codes = StreamGenerator.Generate(options)
            .Where(l => l.Kind == GeneratedLineKind.Invalid)
            .Select(l => RecordParser.Parse(l.Utf8.Span))
            .Select(r => Assert.IsType<Rejection>(r.Rejection).Code)
            .ToHashSet();

        Assert.Equal(
            new HashSet<RejectionCode>
            {
                RejectionCode.NotJson, RejectionCode.MissingField, RejectionCode.UnsupportedSchemaVersion,
                RejectionCode.InvalidTimestamp, RejectionCode.InvalidProbabilities,
            },
            codes);
    }

    [Fact]
    public void Generate_DefaultVariants_ShadowOnCompressedOnlyAndArgmaxLabel()
    {
        var predictions = TestStreams.Predictions(new GeneratorOptions { Records = 4_000 });

        Assert.Equal(["baseline", "distilled-small", "int8-dynamic", "pruned-50"], predictions.Select(p => p.Variant).Distinct().Order(StringComparer.Ordinal));
        Assert.All(predictions, p =>
        {
            Assert.Equal(p.Variant != "baseline", p.Shadow is not null);
            Assert.Equal(p.Prediction.ProbabilityOf("unsafe") > 0.5 ? "unsafe" : "safe", p.Prediction.Label);
            Assert.Equal("toxicity-guard", p.Model);
        });
        Assert.All(predictions.Where(p => p.Shadow is not null), p => Assert.Equal("baseline", p.Shadow!.Variant));
    }

    [Fact]
    public void Generate_LateLines_OlderThanGraceBehindStreamTime()
    {
        var maxSeen = DateTimeOffset.MinValue;
        var late = 0;
        foreach (var line in StreamGenerator.Generate(Dirty).Where(l => l.Kind is GeneratedLineKind.Prediction or GeneratedLineKind.Late))
        {
            if (line.Kind == GeneratedLineKind.Late)
            {
                late++;
                Assert.True(maxSeen - line.Timestamp > TimeSpan.FromMinutes(30), $"late by only {maxSeen - line.Timestamp}");
            }
            else
            {
                Assert.True(maxSeen - line.Timestamp < TimeSpan.FromSeconds(30), $"out of order by {maxSeen - line.Timestamp}");
                maxSeen = line.Timestamp > maxSeen ? line.Timestamp : maxSeen;
            }
        }

        Assert.True(late > 0);
    }

    [Fact]
    public void Generate_DelayedLabels_FollowTheirPredictionWithinDelayAndMarkedForLabelsFile()
    {
        var lines = TestStreams.Lines(new GeneratorOptions { Records = 5_000, SeparateLabels = true });
        var predictionTimes = lines.Where(l => l.Kind == GeneratedLineKind.Prediction)
            .ToDictionary(l => TestStreams.Prediction(l).EventId, l => l.Timestamp);
        var labels = lines.Where(l => l.Kind == GeneratedLineKind.Label).ToList();

        Assert.InRange(labels.Count / (double)predictionTimes.Count, 0.27, 0.33);
        Assert.All(labels, l =>
        {
            Assert.True(l.ToLabelsFile);
            var label = Assert.IsType<LabelRecord>(RecordParser.Parse(l.Utf8.Span).Record);
            Assert.Equal("human-review", label.Source);
            Assert.InRange(label.Timestamp - predictionTimes[label.EventId], TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        });
    }

    [Fact]
    public void WriteToFiles_GzipAndLabelsFile_SplitsLines()
    {
        var dir = Directory.CreateTempSubdirectory("cs-sim-");
        try
        {
            var main = Path.Combine(dir.FullName, "stream.jsonl.gz");
            var labels = Path.Combine(dir.FullName, "labels.jsonl");

            var summary = StreamFileWriter.Write(new GeneratorOptions { Records = 2_000 }, main, labels);

            using var gz = new System.IO.Compression.GZipStream(File.OpenRead(main), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            var mainLines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(summary.Total - summary.Labels, mainLines.Length);
            Assert.Equal(summary.Labels, File.ReadAllLines(labels).Length);
            Assert.DoesNotContain(mainLines, l => l.Contains("\"source\":\"human-review\"", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
