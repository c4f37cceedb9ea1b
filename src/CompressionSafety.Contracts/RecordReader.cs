using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>
/// Second pass: reads the top-level object of a known kind into a record, stopping at the first contract violation.
/// Fields of the other kind are unknown to this one and skipped like any unknown field.
/// </summary>
internal static class RecordReader
{
    private const int SchemaVersion = 1 << 0;
    private const int EventId = 1 << 1;
    private const int Timestamp = 1 << 2;
    private const int Model = 1 << 3;
    private const int Variant = 1 << 4;
    private const int Compression = 1 << 5;
    private const int Segment = 1 << 6;
    private const int Input = 1 << 7;
    private const int Prediction = 1 << 8;
    private const int Safety = 1 << 9;
    private const int LatencyMs = 1 << 10;
    private const int Shadow = 1 << 11;
    private const int Label = 1 << 12;
    private const int Source = 1 << 13;

    private const int PredictionOnly = Model | Variant | Compression | Segment | Input | Prediction | Safety | LatencyMs | Shadow;

    public static ParseResult Read(ref Utf8JsonReader reader, RecordKind kind, double tolerance)
    {
        var known = kind == RecordKind.Prediction ? ~Source : ~PredictionOnly;
        var values = default(Values);
        var seen = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Invalid(new Rejection(RejectionCode.NotObject, null, "must be a JSON object"));
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader) & known;
            reader.Read();
            if (field == 0)
            {
                reader.Skip();
                continue;
            }

            if ((seen & field) != 0)
            {
                return Invalid(FieldReader.Duplicate(NameOf(field)));
            }

            seen |= field;
            var error = ReadField(ref reader, field, kind, tolerance, ref values);
            if (error is not null)
            {
                return Invalid(error);
            }
        }

        return kind == RecordKind.Prediction ? BuildPrediction(ref values) : BuildLabel(ref values);
    }

    private static ParseResult Invalid(Rejection rejection) => new(null, rejection);

    private static ParseResult BuildPrediction(ref Values v)
    {
        var missing = MissingHeader(ref v)
            ?? (v.Model is null ? "model" : v.Variant is null ? "variant" : v.Prediction is null ? "prediction" : null);
        if (missing is not null)
        {
            return Invalid(FieldReader.Missing(missing));
        }

        // Segment in the initializer, not with a copy of the record (`record with { Segment = ... }`).
        var record = new PredictionRecord(v.EventId!, v.Timestamp!.Value, v.Model!, v.Variant!, v.Prediction!)
        {
            Segment = v.Segment ?? PredictionRecord.EmptySegment,
            Compression = v.Compression,
            Input = v.Input,
            Safety = v.Safety,
            LatencyMs = v.LatencyMs,
            Shadow = v.Shadow,
            Label = v.Label,
        };
        return ParseResult.Valid(record);
    }

    private static ParseResult BuildLabel(ref Values v)
    {
        var missing = MissingHeader(ref v) ?? (v.Label is null ? "label" : null);
        return missing is not null
            ? Invalid(FieldReader.Missing(missing))
            : ParseResult.Valid(new LabelRecord(v.EventId!, v.Timestamp!.Value, v.Label!, v.Source));
    }

    private static string? MissingHeader(ref Values v) =>
        !v.HasSchemaVersion ? "schema_version" : v.EventId is null ? "event_id" : v.Timestamp is null ? "timestamp" : null;

    private static Rejection? ReadField(ref Utf8JsonReader reader, int field, RecordKind kind, double tolerance, ref Values v)
    {
        var name = NameOf(field);
        var isNull = reader.TokenType == JsonTokenType.Null;
        switch (field)
        {
            case SchemaVersion:
                v.HasSchemaVersion = true;
                return ReadSchemaVersion(ref reader);
            case EventId:
                // Event ids are unique per record: pooling them would only churn the pool.
                var idError = FieldReader.ReadId(ref reader, name, out var eventId, pooled: false);
                v.EventId = eventId;
                return idError;
            case Timestamp:
                var timestampError = FieldReader.ReadTimestamp(ref reader, name, out var timestamp);
                v.Timestamp = timestamp;
                return timestampError;
            case Model:
                return ReadRequiredId(ref reader, name, out v.Model);
            case Variant:
                return ReadRequiredId(ref reader, name, out v.Variant);
            case Prediction:
                return isNull || reader.TokenType != JsonTokenType.StartObject
                    ? FieldReader.WrongType(name, "an object", reader.TokenType)
                    : OutputReader.Read(ref reader, name, tolerance, out v.Prediction);
            case Label when kind == RecordKind.Label || !isNull:
                var labelError = FieldReader.ReadNonEmptyString(ref reader, name, out var label);
                v.Label = label;
                return labelError;
        }

        // Everything below is optional: null means absent.
        if (isNull)
        {
            return null;
        }

        switch (field)
        {
            case Source:
                var sourceError = FieldReader.ReadPooledString(ref reader, name, out var source);
                v.Source = source;
                return sourceError;
            case LatencyMs:
                var latencyError = FieldReader.ReadNonNegative(ref reader, name, out var latency);
                v.LatencyMs = latency;
                return latencyError;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FieldReader.WrongType(name, "an object", reader.TokenType);
        }

        switch (field)
        {
            case Compression:
                return CompressionReader.Read(ref reader, out v.Compression);
            case Segment:
                var segmentError = MapReader.ReadStrings(ref reader, name, out var segment);
                v.Segment = segment;
                return segmentError;
            case Input:
                return InputReader.Read(ref reader, out v.Input);
            case Safety:
                return SafetyReader.Read(ref reader, out v.Safety);
            default:
                return OutputReader.Read(ref reader, name, tolerance, out v.Shadow);
        }
    }

    private static Rejection? ReadRequiredId(ref Utf8JsonReader reader, string name, out string? value)
    {
        var error = FieldReader.ReadId(ref reader, name, out var id);
        value = id;
        return error;
    }

    private static Rejection? ReadSchemaVersion(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return FieldReader.WrongType("schema_version", "the number 1", reader.TokenType);
        }

        return reader.TryGetDouble(out var version) && version == 1.0
            ? null
            : new Rejection(
                RejectionCode.UnsupportedSchemaVersion,
                "schema_version",
                $"must be 1 (this monitor reads inference-log version 1), got {JsonText.Quote(ref reader)}");
    }

    private static int Identify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("schema_version"u8) ? SchemaVersion
        : reader.ValueTextEquals("event_id"u8) ? EventId
        : reader.ValueTextEquals("timestamp"u8) ? Timestamp
        : reader.ValueTextEquals("model"u8) ? Model
        : reader.ValueTextEquals("variant"u8) ? Variant
        : reader.ValueTextEquals("compression"u8) ? Compression
        : reader.ValueTextEquals("segment"u8) ? Segment
        : reader.ValueTextEquals("input"u8) ? Input
        : reader.ValueTextEquals("prediction"u8) ? Prediction
        : reader.ValueTextEquals("safety"u8) ? Safety
        : reader.ValueTextEquals("latency_ms"u8) ? LatencyMs
        : reader.ValueTextEquals("shadow"u8) ? Shadow
        : reader.ValueTextEquals("label"u8) ? Label
        : reader.ValueTextEquals("source"u8) ? Source
        : 0;

    private static string NameOf(int field) => field switch
    {
        SchemaVersion => "schema_version",
        EventId => "event_id",
        Timestamp => "timestamp",
        Model => "model",
        Variant => "variant",
        Compression => "compression",
        Segment => "segment",
        Input => "input",
        Prediction => "prediction",
        Safety => "safety",
        LatencyMs => "latency_ms",
        Shadow => "shadow",
        Label => "label",
        _ => "source",
    };

    /// <summary>Field values collected so far; a struct so an in-progress record costs no allocation.</summary>
    private struct Values
    {
        public bool HasSchemaVersion;
        public string? EventId;
        public DateTimeOffset? Timestamp;
        public string? Model;
        public string? Variant;
        public CompressionInfo? Compression;
        public IReadOnlyDictionary<string, string>? Segment;
        public InputSummary? Input;
        public ModelOutput? Prediction;
        public SafetySignals? Safety;
        public double? LatencyMs;
        public ModelOutput? Shadow;
        public string? Label;
        public string? Source;
    }
}
