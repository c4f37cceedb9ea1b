namespace CompressionSafety.Kafka.State;

/// <summary>What the changelog held for a partition.</summary>
/// <param name="Snapshot">The latest snapshot, when one was found and its envelope could be read.</param>
/// <param name="Problem">Why nothing usable was found (missing, unreadable, another version); null with a snapshot.</param>
public sealed record ChangelogRead(PartitionSnapshot? Snapshot, string? Problem);
