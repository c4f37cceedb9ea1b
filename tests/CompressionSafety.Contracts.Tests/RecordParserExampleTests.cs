namespace CompressionSafety.Contracts.Tests;

public sealed class RecordParserExampleTests
{
    [Fact]
    public void Parse_SpecExample_GivesEveryFieldValue()
    {
        var result = RecordParser.Parse(Records.Utf8(Records.SpecExample));

        Assert.True(result.IsValid, result.Rejection?.ToString());
        var r = Assert.IsType<PredictionRecord>(result.Record);
        Assert.Equal("e-000001", r.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 16, 0, 0, 125, TimeSpan.Zero), r.Timestamp);
        Assert.Equal(TimeSpan.Zero, r.Timestamp.Offset);
        Assert.Equal("toxicity-guard", r.Model);
        Assert.Equal("int8-dynamic", r.Variant);
        Assert.Equal(new CompressionInfo("quantization", 8, null), r.Compression);
        Assert.Equal(2, r.Segment.Count);
        Assert.Equal("de", r.Segment["locale"]);
        Assert.Equal("api", r.Segment["channel"]);
        Assert.NotNull(r.Input);
        Assert.Equal(212.0, r.Input.Length);
        Assert.Null(r.Input.Hash);
        Assert.Equal(0.31, r.Input.Features["f0"]);
        Assert.Equal(-1.2, r.Input.Features["f1"]);
        Assert.Equal("safe", r.Prediction.Label);
        Assert.Null(r.Prediction.Variant);
        Assert.Equal(0.71, r.Prediction.ProbabilityOf("safe"));
        Assert.Equal(0.29, r.Prediction.ProbabilityOf("unsafe"));
        Assert.NotNull(r.Safety);
        Assert.False(r.Safety.Flagged);
        Assert.False(r.Safety.Refused);
        Assert.Null(r.Safety.PromptFlagged);
        Assert.Empty(r.Safety.Categories);
        Assert.Equal(7.4, r.LatencyMs);
        Assert.NotNull(r.Shadow);
        Assert.Equal("baseline", r.Shadow.Variant);
        Assert.Equal("unsafe", r.Shadow.Label);
        Assert.Equal(0.62, r.Shadow.ProbabilityOf("unsafe"));
        Assert.Null(r.Label);
    }

    [Fact]
    public void Parse_LabelRecord_GivesLabelWithOffsetKept()
    {
        var result = RecordParser.Parse(Records.Utf8(Records.LabelExample));

        var r = Assert.IsType<LabelRecord>(result.Record);
        Assert.Equal("e-000001", r.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(1)), r.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), r.Timestamp.Offset);
        Assert.Equal("unsafe", r.Label);
        Assert.Equal("human-review", r.Source);
    }

    [Fact]
    public void Parse_MinimalPrediction_LeavesOptionalFieldsAbsent()
    {
        var json = """{"schema_version":1,"event_id":"a","timestamp":"2026-11-26T17:00:00+01:00","model":"m","variant":"v","prediction":{"label":"x"}}""";

        var r = Assert.IsType<PredictionRecord>(RecordParser.Parse(Records.Utf8(json)).Record);

        Assert.Null(r.Compression);
        Assert.Empty(r.Segment);
        Assert.Null(r.Input);
        Assert.Null(r.Safety);
        Assert.Null(r.LatencyMs);
        Assert.Null(r.Shadow);
        Assert.Null(r.Prediction.Probabilities);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero), r.Timestamp.ToUniversalTime());
    }

    [Theory]
    [InlineData("compression")]
    [InlineData("segment")]
    [InlineData("input")]
    [InlineData("safety")]
    [InlineData("latency_ms")]
    [InlineData("shadow")]
    [InlineData("label")]
    public void Parse_OptionalFieldNull_TreatedAsAbsent(string field)
    {
        var result = RecordParser.Parse(Records.Prediction(field, "null"));

        Assert.True(result.IsValid, result.Rejection?.ToString());
        Assert.Equal(result.Record, RecordParser.Parse(Records.Prediction(field, null)).Record, RecordComparer.Instance);
    }

    [Fact]
    public void Parse_UnknownFieldsAnywhere_AreIgnored()
    {
        var json = """
            {"future":{"deep":[1,{"x":[null,true]}],"s":"t"},"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00Z",
             "model":"m","variant":"v","compression":{"method":"pruning","granularity":{"kind":"block"}},
             "input":{"length":0,"tokenizer":["a"]},"prediction":{"label":"x","logits":[1.5,2],"probabilities":{"x":1}},
             "safety":{"flagged":true,"score":0.9},"source":12,"extra":null}
            """;

        var result = RecordParser.Parse(Records.Utf8(json));

        var r = Assert.IsType<PredictionRecord>(result.Record);
        Assert.Equal("pruning", r.Compression!.Method);
        Assert.Equal(0.0, r.Input!.Length);
        Assert.True(r.Safety!.Flagged);
        Assert.Null(r.Safety.Refused);
        Assert.Equal(1.0, r.Prediction.ProbabilityOf("x"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("null", null)]
    public void Parse_PromptFlagged_ReadsOptionalBoolean(string value, bool? expected)
    {
        var json = "{\"schema_version\":1,\"event_id\":\"e-1\",\"timestamp\":\"2026-11-26T16:00:00Z\",\"model\":\"assistant\","
            + "\"variant\":\"int4\",\"prediction\":{\"label\":\"safe\"},\"safety\":{\"refused\":true,\"prompt_flagged\":" + value + "}}";

        var result = RecordParser.Parse(Records.Utf8(json));

        var r = Assert.IsType<PredictionRecord>(result.Record);
        Assert.Equal(expected, r.Safety!.PromptFlagged);
        Assert.True(r.Safety.Refused);
    }

    [Fact]
    public void Parse_LabelRecordWithPredictionOnlyFieldsOfAnyType_IgnoresThem()
    {
        var json = """{"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00Z","label":"safe","latency_ms":"slow","segment":[1],"shadow":5}""";

        var r = Assert.IsType<LabelRecord>(RecordParser.Parse(Records.Utf8(json)).Record);

        Assert.Equal("safe", r.Label);
        Assert.Null(r.Source);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("10E-1")]
    public void Parse_SchemaVersionNumberEqualToOne_Accepted(string raw)
    {
        Assert.True(RecordParser.Parse(Records.Prediction("schema_version", raw)).IsValid);
    }

    [Theory]
    [InlineData("2026-11-26T16:00:00.125Z", 2026, 11, 26, 16, 0, 0, 1_250_000, 0)]
    [InlineData("2026-11-26T17:00:00+01:00", 2026, 11, 26, 17, 0, 0, 0, 60)]
    [InlineData("2026-11-26t11:30:00.1234567-05:30", 2026, 11, 26, 11, 30, 0, 1_234_567, -330)]
    [InlineData("2024-02-29T23:59:59.123456789z", 2024, 2, 29, 23, 59, 59, 1_234_567, 0)]
    public void Parse_Rfc3339Timestamps_KeepClockAndOffset(
        string text, int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes)
    {
        var r = RecordParser.Parse(Records.Prediction("timestamp", $"\"{text}\"")).Record;

        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes))
            .AddTicks(fractionTicks);
        Assert.NotNull(r);
        Assert.Equal(expected, r.Timestamp);
        Assert.Equal(expected.Offset, r.Timestamp.Offset);
    }

    [Fact]
    public void Parse_ProbabilitiesOffByLessThanTolerance_Accepted()
    {
        var raw = """{"label":"a","probabilities":{"a":0.5,"b":0.5009}}""";

        Assert.True(RecordParser.Parse(Records.Prediction("prediction", raw)).IsValid);
    }

    [Fact]
    public void Parse_EscapedNamesAndValues_AreUnescaped()
    {
        var json = """{"schema_version":1,"event_id":"e\u002d1","timestamp":"2026-11-26T16:00:00\u005a","label":"caf\u00e9"}""";

        var r = Assert.IsType<LabelRecord>(RecordParser.Parse(Records.Utf8(json)).Record);

        Assert.Equal("e-1", r.EventId);
        Assert.Equal("café", r.Label);
    }
}
