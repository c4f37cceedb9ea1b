namespace CompressionSafety.Contracts;

/// <summary>Delayed ground truth for an earlier prediction, joined by <see cref="InferenceRecord.EventId"/>.</summary>
/// <param name="EventId">The prediction this label belongs to.</param>
/// <param name="Timestamp">When the label was given.</param>
/// <param name="Label">The true label.</param>
/// <param name="Source">Where the label came from, for example <c>human-review</c>.</param>
public sealed record LabelRecord(string EventId, DateTimeOffset Timestamp, string Label, string? Source)
    : InferenceRecord(EventId, Timestamp);
