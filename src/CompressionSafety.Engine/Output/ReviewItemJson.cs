using System.Text.Json;
using CompressionSafety.Contracts;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Engine.Output;

/// <summary>The JSON form of a human-review request, one line of <c>review.jsonl</c> or one message of the review topic.</summary>
public static class ReviewItemJson
{
    /// <summary>Writes ids, key, reason, confidence and the predicted and shadow labels as one object.</summary>
    public static void Write(Utf8JsonWriter writer, ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(item);
        var record = item.Record;
        writer.WriteStartObject();
        writer.WriteString("event_id", record.EventId);
        writer.WriteString("timestamp", IncidentJson.Time(record.Timestamp));
        writer.WriteString("model", record.Model);
        writer.WriteString("variant", record.Variant);
        writer.WriteString("slice", item.Key.Slice);
        writer.WriteString("reason", item.Reason);
        if (item.Confidence is { } confidence)
        {
            writer.WriteNumber("confidence", confidence);
        }

        writer.WriteString("label", record.Prediction.Label);
        if (record.Shadow is ModelOutput shadow)
        {
            writer.WriteString("shadow_label", shadow.Label);
        }

        writer.WriteEndObject();
    }

    /// <summary>The object as compact UTF-8 bytes.</summary>
    public static byte[] ToBytes(ReviewItem item) => JsonBytes.Of(writer => Write(writer, item));
}
