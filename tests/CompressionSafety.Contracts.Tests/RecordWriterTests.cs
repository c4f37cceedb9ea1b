using System.Text;

namespace CompressionSafety.Contracts.Tests;

public sealed class RecordWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 16, 0, 0, 125, TimeSpan.Zero);

    public static TheoryData<InferenceRecord> Samples() =>
    [
        new PredictionRecord("e-1", At, "toxicity-guard", "int8-dynamic", new ModelOutput("safe", new Dictionary<string, double> { ["safe"] = 0.71, ["unsafe"] = 0.29 })),
        new PredictionRecord("e-2", At.ToOffset(TimeSpan.FromMinutes(-330)).AddTicks(1), "m", "pruned-50", new ModelOutput("unsafe", null))
        {
            Compression = new CompressionInfo("pruning", null, 0.5),
            Segment = new Dictionary<string, string> { ["locale"] = "de", ["channel"] = "api \"quoted\" é" },
            Input = new InputSummary(212, new Dictionary<string, double> { ["f0"] = 0.1 + 0.2, ["f1"] = -1.2e-300, ["f2"] = double.MaxValue }, "abc123"),
            Safety = new SafetySignals(true, null, ["violence", "self-harm"]),
            LatencyMs = 7.4,
            Shadow = new ModelOutput("safe", new Dictionary<string, double> { ["safe"] = 1.0 / 3, ["unsafe"] = 2.0 / 3 }, "baseline"),
            Label = "unsafe",
        },
        new PredictionRecord("e-3", At.ToOffset(TimeSpan.FromHours(14)), "m", "v", new ModelOutput("x", new Dictionary<string, double>()  { ["x"] = 1 }))
        {
            Compression = new CompressionInfo(null, 4, null),
            Input = new InputSummary(null, new Dictionary<string, double>(), null),
            Safety = new SafetySignals(null, false, []) { PromptFlagged = true },
        },
        new LabelRecord("e-1", At.ToOffset(TimeSpan.FromHours(1)), "unsafe", "human-review"),
        new LabelRecord("e-1", new DateTimeOffset(1678, 1, 1, 0, 0, 0, TimeSpan.Zero), "safe", null),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void ToJsonBytes_ThenParse_GivesEqualRecord(InferenceRecord record)
    {
        var bytes = RecordWriter.ToJsonBytes(record);
        var result = RecordParser.Parse(bytes);

        Assert.True(result.IsValid, result.Rejection?.ToString() + " in " + Encoding.UTF8.GetString(bytes));
        Assert.Equal(record, result.Record, RecordComparer.Instance);
    }

    [Fact]
    public void ToJsonBytes_SpecExample_WritesCompactSnakeCaseInSpecOrder()
    {
        var parsed = RecordParser.Parse(Records.Utf8(Records.SpecExample)).Record!;

        var json = Encoding.UTF8.GetString(RecordWriter.ToJsonBytes(parsed));

        var expected = string.Concat(Records.SpecExample.Split('\n').Select(line => line.Trim()));
        Assert.Equal(expected, json);
    }

    [Fact]
    public void ToJsonBytes_Label_OmitsAbsentSource()
    {
        var json = Encoding.UTF8.GetString(RecordWriter.ToJsonBytes(new LabelRecord("e", At, "safe", null)));

        Assert.Equal("""{"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00.125Z","label":"safe"}""", json);
    }

    [Fact]
    public void ToJsonBytes_NonZeroOffset_WritesOriginalOffset()
    {
        var record = new LabelRecord("e", new DateTimeOffset(2026, 11, 26, 11, 30, 0, TimeSpan.FromMinutes(-330)), "safe", null);

        var json = Encoding.UTF8.GetString(RecordWriter.ToJsonBytes(record));

        Assert.Contains("\"timestamp\":\"2026-11-26T11:30:00-05:30\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJsonBytes_NaNLatency_ThrowsBecauseJsonCannotCarryIt()
    {
        var record = new PredictionRecord("e", At, "m", "v", new ModelOutput("x", null)) { LatencyMs = double.NaN };

        Assert.Throws<ArgumentException>(() => RecordWriter.ToJsonBytes(record));
    }

    [Fact]
    public void Write_LabelToCallersWriter_ParsesBackEqual()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            RecordWriter.Write(writer, new LabelRecord("a", At, "safe", null));
        }

        var result = RecordParser.Parse(buffer.WrittenSpan);

        Assert.Equal(new LabelRecord("a", At, "safe", null), result.Record);
    }
}
