using System.Globalization;
using System.Text;

namespace CompressionSafety.Kafka.Publishing;

/// <summary>
/// Header names of a dead letter and a factory for dead-letter records: the value is the original bytes,
/// untouched, so the record can be inspected and replayed as it arrived.
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>Why the record was rejected (a rejection code such as <c>late</c> or <c>invalid_json</c>), UTF-8.</summary>
    public const string Reason = "reason";

    /// <summary>Optional human-readable detail, UTF-8.</summary>
    public const string Detail = "detail";

    /// <summary>The topic the record was consumed from, UTF-8.</summary>
    public const string SourceTopic = "source-topic";

    /// <summary>The partition it was consumed from, invariant decimal text.</summary>
    public const string SourcePartition = "source-partition";

    /// <summary>The offset it was consumed from, invariant decimal text.</summary>
    public const string SourceOffset = "source-offset";

    /// <summary>
    /// The original record's length in bytes, invariant decimal text; present only when the value holds just the
    /// first bytes (an oversized record, cut so the dead letter itself fits the topic).
    /// </summary>
    public const string OriginalLength = "original-length";

    /// <summary>Builds a dead-letter record carrying the original key and bytes.</summary>
    /// <param name="deadLetterTopic">The dead-letter topic.</param>
    /// <param name="reason">The rejection reason.</param>
    /// <param name="originalKey">The original key bytes, or <see langword="null"/>.</param>
    /// <param name="originalValue">The original value bytes, copied as they are.</param>
    /// <param name="sourceTopic">The source topic.</param>
    /// <param name="sourcePartition">The source partition.</param>
    /// <param name="sourceOffset">The source offset.</param>
    /// <param name="detail">Optional detail text.</param>
    /// <param name="maxValueBytes">Longest value to carry; a longer original is cut and gets an <see cref="OriginalLength"/> header.</param>
    /// <returns>The record to publish.</returns>
    public static OutgoingRecord Create(
        string deadLetterTopic,
        string reason,
        byte[]? originalKey,
        ReadOnlySpan<byte> originalValue,
        string sourceTopic,
        int sourcePartition,
        long sourceOffset,
        string? detail = null,
        int maxValueBytes = int.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(deadLetterTopic);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var headers = new List<KeyValuePair<string, byte[]>>(5)
        {
            new(Reason, Encoding.UTF8.GetBytes(reason)),
            new(SourceTopic, Encoding.UTF8.GetBytes(sourceTopic)),
            new(SourcePartition, Encoding.UTF8.GetBytes(sourcePartition.ToString(CultureInfo.InvariantCulture))),
            new(SourceOffset, Encoding.UTF8.GetBytes(sourceOffset.ToString(CultureInfo.InvariantCulture))),
        };
        if (!string.IsNullOrEmpty(detail))
        {
            headers.Add(new(Detail, Encoding.UTF8.GetBytes(detail)));
        }

        if (originalValue.Length > maxValueBytes)
        {
            headers.Add(new(OriginalLength, Encoding.UTF8.GetBytes(originalValue.Length.ToString(CultureInfo.InvariantCulture))));
            originalValue = originalValue[..maxValueBytes];
        }

        return new OutgoingRecord(deadLetterTopic, originalKey, originalValue.ToArray(), headers);
    }
}
