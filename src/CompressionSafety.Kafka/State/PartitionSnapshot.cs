using CompressionSafety.Kafka.Offsets;

namespace CompressionSafety.Kafka.State;

/// <summary>One partition number's saved state: where each of its topic partitions stood, and the engine state.</summary>
/// <param name="Partition">The partition number (the inference-log and label topics' partitions with this number share one engine).</param>
/// <param name="Positions">Per topic, the tracker's positions when the state was taken.</param>
/// <param name="State">The engine state (<c>PartitionState.Write</c>), opaque here.</param>
public sealed record PartitionSnapshot(int Partition, IReadOnlyDictionary<string, PartitionOffsets> Positions, byte[] State);
