using System.Buffers;
using System.Text.Json;

namespace CompressionSafety.Contracts;

/// <summary>
/// Serialises records to compact UTF-8 JSON following the inference-log contract, version 1:
/// snake_case names, absent optional fields omitted, timestamps in RFC 3339 with the record's own offset,
/// numbers in their shortest round-trippable form.
/// </summary>
public static class RecordWriter
{
    private static readonly JsonWriterOptions CompactOptions = new() { Indented = false, SkipValidation = false };

    /// <summary>The record as one compact UTF-8 JSON object (no trailing newline).</summary>
    /// <exception cref="ArgumentException">A number in the record is NaN or infinite, which JSON cannot carry.</exception>
    public static byte[] ToJsonBytes(InferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            Write(writer, record);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the record as one JSON object at the writer's current position.</summary>
    /// <exception cref="ArgumentException">A number in the record is NaN or infinite, which JSON cannot carry.</exception>
    public static void Write(Utf8JsonWriter writer, InferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        switch (record)
        {
            case PredictionRecord prediction:
                WritePrediction(writer, prediction);
                break;
            case LabelRecord label:
                WriteLabel(writer, label);
                break;
            default:
                throw new ArgumentException($"Unknown record type {record.GetType().Name}.", nameof(record));
        }
    }

    private static void WriteHeader(Utf8JsonWriter writer, InferenceRecord record)
    {
        writer.WriteNumber(JsonNames.SchemaVersion, 1);
        writer.WriteString(JsonNames.EventId, record.EventId);
        Span<byte> stamp = stackalloc byte[Rfc3339.MaxLength];
        writer.WriteString(JsonNames.Timestamp, stamp[..Rfc3339.Format(record.Timestamp, stamp)]);
    }

    private static void WriteLabel(Utf8JsonWriter writer, LabelRecord record)
    {
        writer.WriteStartObject();
        WriteHeader(writer, record);
        writer.WriteString(JsonNames.Label, record.Label);
        if (record.Source is not null)
        {
            writer.WriteString(JsonNames.Source, record.Source);
        }

        writer.WriteEndObject();
    }

    private static void WritePrediction(Utf8JsonWriter writer, PredictionRecord record)
    {
        writer.WriteStartObject();
        WriteHeader(writer, record);
        writer.WriteString(JsonNames.Model, record.Model);
        writer.WriteString(JsonNames.Variant, record.Variant);
        if (record.Compression is { } compression)
        {
            WriteCompression(writer, compression);
        }

        if (record.Segment.Count > 0)
        {
            writer.WriteStartObject(JsonNames.Segment);
            foreach (var (key, value) in record.Segment)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        if (record.Input is { } input)
        {
            WriteInput(writer, input);
        }

        writer.WritePropertyName(JsonNames.Prediction);
        WriteOutput(writer, record.Prediction);
        if (record.Safety is { } safety)
        {
            WriteSafety(writer, safety);
        }

        if (record.LatencyMs is { } latency)
        {
            writer.WriteNumber(JsonNames.LatencyMs, latency);
        }

        if (record.Shadow is { } shadow)
        {
            writer.WritePropertyName(JsonNames.Shadow);
            WriteOutput(writer, shadow);
        }

        if (record.Label is not null)
        {
            writer.WriteString(JsonNames.Label, record.Label);
        }

        writer.WriteEndObject();
    }

    private static void WriteCompression(Utf8JsonWriter writer, CompressionInfo compression)
    {
        writer.WriteStartObject(JsonNames.Compression);
        if (compression.Method is not null)
        {
            writer.WriteString(JsonNames.Method, compression.Method);
        }

        if (compression.Bits is { } bits)
        {
            writer.WriteNumber(JsonNames.Bits, bits);
        }

        if (compression.Sparsity is { } sparsity)
        {
            writer.WriteNumber(JsonNames.Sparsity, sparsity);
        }

        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, InputSummary input)
    {
        writer.WriteStartObject(JsonNames.Input);
        if (input.Length is { } length)
        {
            writer.WriteNumber(JsonNames.Length, length);
        }

        if (input.Features.Count > 0)
        {
            writer.WriteStartObject(JsonNames.Features);
            foreach (var (name, value) in input.Features)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        if (input.Hash is not null)
        {
            writer.WriteString(JsonNames.Hash, input.Hash);
        }

        writer.WriteEndObject();
    }

    private static void WriteSafety(Utf8JsonWriter writer, SafetySignals safety)
    {
        writer.WriteStartObject(JsonNames.Safety);
        if (safety.Flagged is { } flagged)
        {
            writer.WriteBoolean(JsonNames.Flagged, flagged);
        }

        if (safety.Refused is { } refused)
        {
            writer.WriteBoolean(JsonNames.Refused, refused);
        }

        if (safety.PromptFlagged is { } promptFlagged)
        {
            writer.WriteBoolean(JsonNames.PromptFlagged, promptFlagged);
        }

        // Always written, even empty: "no categories hit" is information a reader may want to see.
        writer.WriteStartArray(JsonNames.Categories);
        foreach (var category in safety.Categories)
        {
            writer.WriteStringValue(category);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter writer, ModelOutput output)
    {
        writer.WriteStartObject();
        if (output.Variant is not null)
        {
            writer.WriteString(JsonNames.Variant, output.Variant);
        }

        writer.WriteString(JsonNames.Label, output.Label);
        if (output.Probabilities is { } probabilities)
        {
            writer.WriteStartObject(JsonNames.Probabilities);
            foreach (var (label, p) in probabilities)
            {
                writer.WriteNumber(label, p);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
