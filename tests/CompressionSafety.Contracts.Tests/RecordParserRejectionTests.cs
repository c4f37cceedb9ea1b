namespace CompressionSafety.Contracts.Tests;

public sealed class RecordParserRejectionTests
{
    public static TheoryData<string, string?, RejectionCode, string> PredictionCases() => new()
    {
        // Required fields missing.
        { "schema_version", null, RejectionCode.MissingField, "schema_version" },
        { "event_id", null, RejectionCode.MissingField, "event_id" },
        { "timestamp", null, RejectionCode.MissingField, "timestamp" },
        { "model", null, RejectionCode.MissingField, "model" },
        { "variant", null, RejectionCode.MissingField, "variant" },
        { "prediction", null, RejectionCode.MissingField, "prediction" },
        { "prediction", """{"probabilities":{"a":1}}""", RejectionCode.MissingField, "prediction.label" },
        { "shadow", """{"variant":"baseline"}""", RejectionCode.MissingField, "shadow.label" },

        // Wrong types.
        { "schema_version", "\"1\"", RejectionCode.WrongType, "schema_version" },
        { "schema_version", "null", RejectionCode.WrongType, "schema_version" },
        { "event_id", "17", RejectionCode.WrongType, "event_id" },
        { "event_id", "null", RejectionCode.WrongType, "event_id" },
        { "timestamp", "1764172800", RejectionCode.WrongType, "timestamp" },
        { "model", "[\"m\"]", RejectionCode.WrongType, "model" },
        { "variant", "{}", RejectionCode.WrongType, "variant" },
        { "prediction", "\"safe\"", RejectionCode.WrongType, "prediction" },
        { "prediction", "null", RejectionCode.WrongType, "prediction" },
        { "prediction", """{"label":1}""", RejectionCode.WrongType, "prediction.label" },
        { "prediction", """{"label":"a","probabilities":[1]}""", RejectionCode.WrongType, "prediction.probabilities" },
        { "prediction", """{"label":"a","probabilities":{"a":"1"}}""", RejectionCode.WrongType, "prediction.probabilities.a" },
        { "compression", "\"int8\"", RejectionCode.WrongType, "compression" },
        { "compression", """{"method":8}""", RejectionCode.WrongType, "compression.method" },
        { "compression", """{"bits":"8"}""", RejectionCode.WrongType, "compression.bits" },
        { "compression", """{"sparsity":"half"}""", RejectionCode.WrongType, "compression.sparsity" },
        { "segment", "[\"de\"]", RejectionCode.WrongType, "segment" },
        { "segment", """{"locale":"de","tier":3}""", RejectionCode.WrongType, "segment.tier" },
        { "segment", """{"locale":null}""", RejectionCode.WrongType, "segment.locale" },
        { "input", "212", RejectionCode.WrongType, "input" },
        { "input", """{"length":"long"}""", RejectionCode.WrongType, "input.length" },
        { "input", """{"features":[0.1]}""", RejectionCode.WrongType, "input.features" },
        { "input", """{"features":{"f0":"x"}}""", RejectionCode.WrongType, "input.features.f0" },
        { "input", """{"hash":42}""", RejectionCode.WrongType, "input.hash" },
        { "safety", "true", RejectionCode.WrongType, "safety" },
        { "safety", """{"flagged":"no"}""", RejectionCode.WrongType, "safety.flagged" },
        { "safety", """{"refused":0}""", RejectionCode.WrongType, "safety.refused" },
        { "safety", """{"prompt_flagged":"yes"}""", RejectionCode.WrongType, "safety.prompt_flagged" },
        { "safety", """{"categories":"violence"}""", RejectionCode.WrongType, "safety.categories" },
        { "safety", """{"categories":["a","b",3]}""", RejectionCode.WrongType, "safety.categories[2]" },
        { "latency_ms", "\"7ms\"", RejectionCode.WrongType, "latency_ms" },
        { "shadow", "[]", RejectionCode.WrongType, "shadow" },
        { "shadow", """{"label":"a","variant":5}""", RejectionCode.WrongType, "shadow.variant" },
        { "label", "true", RejectionCode.WrongType, "label" },

        // Values outside the contract.
        { "schema_version", "2", RejectionCode.UnsupportedSchemaVersion, "schema_version" },
        { "schema_version", "0.5", RejectionCode.UnsupportedSchemaVersion, "schema_version" },
        { "event_id", "\"\"", RejectionCode.InvalidValue, "event_id" },
        { "event_id", "\"" + new string('x', 129) + "\"", RejectionCode.InvalidValue, "event_id" },
        { "model", "\"\"", RejectionCode.InvalidValue, "model" },
        { "variant", "\"" + new string('v', 129) + "\"", RejectionCode.InvalidValue, "variant" },
        { "shadow", """{"label":"a","variant":""}""", RejectionCode.InvalidValue, "shadow.variant" },
        { "prediction", """{"label":""}""", RejectionCode.InvalidValue, "prediction.label" },
        { "label", "\"\"", RejectionCode.InvalidValue, "label" },
        { "compression", """{"method":"magic"}""", RejectionCode.InvalidValue, "compression.method" },
        { "compression", """{"method":"Quantization"}""", RejectionCode.InvalidValue, "compression.method" },
        { "compression", """{"bits":0}""", RejectionCode.InvalidValue, "compression.bits" },
        { "compression", """{"bits":4.5}""", RejectionCode.InvalidValue, "compression.bits" },
        { "compression", """{"sparsity":1.01}""", RejectionCode.InvalidValue, "compression.sparsity" },
        { "compression", """{"sparsity":-0.1}""", RejectionCode.InvalidValue, "compression.sparsity" },
        { "input", """{"length":-1}""", RejectionCode.InvalidValue, "input.length" },
        { "input", """{"length":1e400}""", RejectionCode.InvalidValue, "input.length" },
        { "input", """{"features":{"f0":-1e999}}""", RejectionCode.InvalidValue, "input.features.f0" },
        { "latency_ms", "-0.5", RejectionCode.InvalidValue, "latency_ms" },
        { "latency_ms", "2e308", RejectionCode.InvalidValue, "latency_ms" },

        // Timestamps.
        { "timestamp", "\"2026-11-26 16:00:00\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:00\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-13-01T00:00:00Z\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-02-29T00:00:00Z\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T24:00:00Z\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:60Z\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:00.Z\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:00+0100\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:00+15:00\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"2026-11-26T16:00:00Z \"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"0001-01-01T00:00:00+01:00\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"yesterday\"", RejectionCode.InvalidTimestamp, "timestamp" },
        { "timestamp", "\"\"", RejectionCode.InvalidTimestamp, "timestamp" },

        // Probabilities, for the served prediction and the shadow alike.
        { "prediction", """{"label":"a","probabilities":{"a":1.2,"b":-0.2}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities.a" },
        { "prediction", """{"label":"a","probabilities":{"a":1.5}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities.a" },
        { "prediction", """{"label":"a","probabilities":{"a":0.9,"b":0.3}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities" },
        { "prediction", """{"label":"a","probabilities":{"a":0.5,"b":0.4}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities" },
        { "prediction", """{"label":"a","probabilities":{}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities" },
        { "prediction", """{"label":"a","probabilities":{"a":1e400}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities.a" },
        { "prediction", """{"label":"a","probabilities":{"a":"NaN"}}""", RejectionCode.InvalidProbabilities, "prediction.probabilities.a" },
        { "shadow", """{"label":"a","probabilities":{"safe":0.2,"unsafe":-0.1}}""", RejectionCode.InvalidProbabilities, "shadow.probabilities.unsafe" },
        { "shadow", """{"label":"a","probabilities":{"safe":0.6,"unsafe":0.6}}""", RejectionCode.InvalidProbabilities, "shadow.probabilities" },

        // A property given twice in one object.
        { "prediction", """{"label":"a","label":"b"}""", RejectionCode.InvalidValue, "prediction.label" },
        { "prediction", """{"label":"a","probabilities":{"a":0.5,"a":0.5}}""", RejectionCode.InvalidValue, "prediction.probabilities.a" },
        { "segment", """{"locale":"de","locale":"fr"}""", RejectionCode.InvalidValue, "segment.locale" },
        { "compression", """{"bits":8,"bits":4}""", RejectionCode.InvalidValue, "compression.bits" },
        { "input", """{"features":{"f":1,"f":2}}""", RejectionCode.InvalidValue, "input.features.f" },
        { "safety", """{"flagged":true,"flagged":null}""", RejectionCode.InvalidValue, "safety.flagged" },
        { "event_id", "\"a\",\"event_id\":\"b\"", RejectionCode.InvalidValue, "event_id" },
    };

    [Theory]
    [MemberData(nameof(PredictionCases))]
    public void Parse_InvalidPredictionField_RejectsWithCodeAndPath(string field, string? rawValue, RejectionCode code, string path)
    {
        var result = RecordParser.Parse(Records.Prediction(field, rawValue));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Rejection);
        Assert.Equal(code, result.Rejection.Code);
        Assert.Equal(path, result.Rejection.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
    }

    public static TheoryData<string, string?, RejectionCode, string> LabelCases() => new()
    {
        { "schema_version", null, RejectionCode.MissingField, "schema_version" },
        { "event_id", null, RejectionCode.MissingField, "event_id" },
        { "timestamp", null, RejectionCode.MissingField, "timestamp" },
        { "label", null, RejectionCode.MissingField, "label" },
        { "label", "null", RejectionCode.WrongType, "label" },
        { "label", "\"\"", RejectionCode.InvalidValue, "label" },
        { "label", "[\"safe\"]", RejectionCode.WrongType, "label" },
        { "source", "7", RejectionCode.WrongType, "source" },
        { "schema_version", "3", RejectionCode.UnsupportedSchemaVersion, "schema_version" },
        { "event_id", "\"\"", RejectionCode.InvalidValue, "event_id" },
        { "timestamp", "\"2026-11-27T09:30:00\"", RejectionCode.InvalidTimestamp, "timestamp" },
    };

    [Theory]
    [MemberData(nameof(LabelCases))]
    public void Parse_InvalidLabelField_RejectsWithCodeAndPath(string field, string? rawValue, RejectionCode code, string path)
    {
        var result = RecordParser.Parse(Records.Label(field, rawValue));

        Assert.NotNull(result.Rejection);
        Assert.Equal(code, result.Rejection.Code);
        Assert.Equal(path, result.Rejection.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("{")]
    [InlineData("{\"schema_version\":1,}")]
    [InlineData("{'event_id':'e'}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("{\"a\":1 /* comment */}")]
    [InlineData("{\"a\":NaN}")]
    [InlineData("{\"label\":\"\\ud800\",\"schema_version\":1,\"event_id\":\"e\",\"timestamp\":\"2026-11-26T16:00:00Z\"}")]
    public void Parse_NotJson_RejectsAsNotJson(string text)
    {
        var result = RecordParser.Parse(Records.Utf8(text));

        Assert.Equal(RejectionCode.NotJson, result.Rejection?.Code);
        Assert.Null(result.Rejection?.Field);
    }

    [Fact]
    public void Parse_InvalidUtf8_RejectsAsNotJson()
    {
        byte[] bytes = [.. "{\"schema_version\":1,\"event_id\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var result = RecordParser.Parse(bytes);

        Assert.Equal(RejectionCode.NotJson, result.Rejection?.Code);
        Assert.Contains("UTF-8", result.Rejection?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("42", "a number")]
    [InlineData("\"record\"", "a string")]
    [InlineData("null", "null")]
    [InlineData(" true ", "a boolean")]
    public void Parse_NotAnObject_RejectsAsNotObject(string text, string described)
    {
        var result = RecordParser.Parse(Records.Utf8(text));

        Assert.Equal(RejectionCode.NotObject, result.Rejection?.Code);
        Assert.Equal("must be a JSON object, got " + described, result.Rejection?.Message);
    }

    [Fact]
    public void Parse_TrailingGarbage_MessageSaysWhere()
    {
        var rejection = RecordParser.Parse("{\"a\":1} x"u8).Rejection;

        Assert.Equal("is not valid JSON at line 1, byte 9: 'x' is invalid after a single JSON value.", rejection?.Message);
    }

    [Fact]
    public void Parse_ArrayWithTrailingGarbage_RejectsAsNotJson()
    {
        Assert.Equal(RejectionCode.NotJson, RecordParser.Parse(Records.Utf8("[1] ]")).Rejection?.Code);
    }

    [Fact]
    public void Parse_ModelWithoutPrediction_IsPredictionMissingPrediction()
    {
        var json = """{"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00Z","model":"m","label":"safe"}""";

        var rejection = RecordParser.Parse(Records.Utf8(json)).Rejection;

        Assert.Equal(new Rejection(RejectionCode.MissingField, "variant", "required field is missing"), rejection);
    }

    [Fact]
    public void Parse_VariantWithoutPrediction_IsPredictionMissingPrediction()
    {
        var json = """{"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00Z","model":"m","variant":"v","label":"safe"}""";

        var rejection = RecordParser.Parse(Records.Utf8(json)).Rejection;

        Assert.Equal(RejectionCode.MissingField, rejection?.Code);
        Assert.Equal("prediction", rejection?.Field);
    }

    [Fact]
    public void Parse_EmptyObject_IsLabelMissingSchemaVersion()
    {
        var rejection = RecordParser.Parse("{}"u8).Rejection;

        Assert.Equal(RejectionCode.MissingField, rejection?.Code);
        Assert.Equal("schema_version", rejection?.Field);
    }

    [Fact]
    public void Parse_ProbabilitiesNotSummingToOne_MessageGivesSumAndTolerance()
    {
        var raw = """{"label":"a","probabilities":{"safe":0.7,"unsafe":0.5}}""";

        var rejection = RecordParser.Parse(Records.Prediction("prediction", raw)).Rejection;

        Assert.Equal("probabilities sum to 1.2000, must be 1 within 0.001", rejection?.Message);
    }

    [Fact]
    public void Parse_CustomTolerance_IsApplied()
    {
        var raw = """{"label":"a","probabilities":{"safe":0.7,"unsafe":0.31}}""";
        var loose = new ParserOptions { ProbabilitySumTolerance = 0.05 };

        Assert.False(RecordParser.Parse(Records.Prediction("prediction", raw)).IsValid);
        Assert.True(RecordParser.Parse(Records.Prediction("prediction", raw), loose).IsValid);
    }

    [Fact]
    public void Parse_EmptyId_MessageCountsCharacters()
    {
        var rejection = RecordParser.Parse(Records.Prediction("event_id", "\"\"")).Rejection;

        Assert.Equal("must be a string of 1..128 characters, got 0 characters", rejection?.Message);
    }

    [Fact]
    public void Parse_IdOf128Chars_Accepted()
    {
        Assert.True(RecordParser.Parse(Records.Prediction("event_id", "\"" + new string('x', 128) + "\"")).IsValid);
    }

    [Fact]
    public void Parse_BadTimestamp_MessageQuotesValue()
    {
        var rejection = RecordParser.Parse(Records.Prediction("timestamp", "\"2026-11-26T16:00:00\"")).Rejection;

        Assert.Equal(
            "must be an RFC 3339 date-time with an offset or Z (for example 2026-11-26T16:00:00.125Z), got \"2026-11-26T16:00:00\"",
            rejection?.Message);
    }

    [Fact]
    public void Parse_FirstViolationInDocumentOrder_IsReported()
    {
        var json = """{"schema_version":1,"event_id":"","timestamp":"nope","model":"m","variant":"v","prediction":{"label":"a"}}""";

        Assert.Equal("event_id", RecordParser.Parse(Records.Utf8(json)).Rejection?.Field);
    }

    [Fact]
    public void Parse_LabelWithBadEscapeInIgnoredField_StillValid()
    {
        var json = """{"schema_version":1,"event_id":"e","timestamp":"2026-11-26T16:00:00Z","label":"safe","segment":{"a":"\ud800"}}""";

        Assert.IsType<LabelRecord>(RecordParser.Parse(Records.Utf8(json)).Record);
    }

    [Fact]
    public void Parse_PredictionWithLoneSurrogateInLabel_RejectedAsNotJson()
    {
        var rejection = RecordParser.Parse(Records.Prediction("shadow", """{"label":"\ud800"}""")).Rejection;

        Assert.Equal(RejectionCode.NotJson, rejection?.Code);
    }

    [Fact]
    public void Parse_SchemaVersionTwo_MessageShowsNumberUnquoted()
    {
        var rejection = RecordParser.Parse(Records.Prediction("schema_version", "2")).Rejection;

        Assert.Equal("must be 1 (this monitor reads inference-log version 1), got 2", rejection?.Message);
    }

    [Fact]
    public void Parse_ProbabilityOutOfRange_MessageGivesValue()
    {
        var rejection = RecordParser.Parse(Records.Prediction("prediction", """{"label":"a","probabilities":{"safe":-0.5,"unsafe":1.5}}""")).Rejection;

        Assert.Equal("prediction.probabilities.safe", rejection?.Field);
        Assert.Equal("must be a number in [0, 1], got -0.5", rejection?.Message);
    }
}
