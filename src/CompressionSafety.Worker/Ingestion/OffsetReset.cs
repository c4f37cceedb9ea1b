namespace CompressionSafety.Worker.Ingestion;

/// <summary>A partition that started somewhere else than its committed (or restored) offset.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Expected">Where it should have started.</param>
/// <param name="Actual">The first record consumed.</param>
/// <param name="LowWatermark">The log's first offset, when it was read.</param>
internal sealed record OffsetReset(string Topic, int Partition, long Expected, long Actual, long? LowWatermark);
