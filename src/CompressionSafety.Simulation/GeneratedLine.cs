namespace CompressionSafety.Simulation;

/// <summary>One line of a generated stream (without the trailing newline).</summary>
/// <param name="Utf8">The line's bytes.</param>
/// <param name="Kind">What the line is.</param>
/// <param name="Timestamp">The record's event time (for a label, when it was given; for an invalid line, the slot's time).</param>
/// <param name="ToLabelsFile">True when the line belongs to the separate labels output rather than the main one.</param>
public readonly record struct GeneratedLine(ReadOnlyMemory<byte> Utf8, GeneratedLineKind Kind, DateTimeOffset Timestamp, bool ToLabelsFile);
