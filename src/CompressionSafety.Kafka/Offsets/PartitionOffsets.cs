namespace CompressionSafety.Kafka.Offsets;

/// <summary>What <see cref="PartitionOffsetTracker"/> knows about one partition, saved beside its state snapshot.</summary>
/// <param name="LastProcessed">The last processed offset, -1 for none.</param>
/// <param name="Committable">The held-back offset: the oldest still needed by an open window (Kafka semantics: next to read), -1 for none.</param>
/// <param name="OpenWindows">Each open window with the oldest offset it holds.</param>
public sealed record PartitionOffsets(long LastProcessed, long Committable, IReadOnlyList<WindowOffset> OpenWindows)
{
    /// <summary>The offset to resume reading at when the state is restored: just past the last processed record.</summary>
    public long Resume => LastProcessed + 1;

    /// <summary>The offset to rebuild from when the state cannot be restored: the held-back offset.</summary>
    public long Rebuild => Committable >= 0 ? Committable : LastProcessed + 1;
}

/// <summary>An open window and the oldest record offset it holds.</summary>
/// <param name="Window">The window id (its start in UTC ticks).</param>
/// <param name="Offset">The oldest offset it holds.</param>
public readonly record struct WindowOffset(long Window, long Offset);
