namespace CompressionSafety.Contracts;

/// <summary>A valid record of the inference-log contract, version 1: a prediction or a label.</summary>
public abstract record InferenceRecord(string EventId, DateTimeOffset Timestamp);
