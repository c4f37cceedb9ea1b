using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Ingestion;

/// <summary>Log messages of the partition state changelog, with fixed event ids (11xx).</summary>
internal static partial class StateLog
{
    [LoggerMessage(1100, LogLevel.Information, "Partition {Partition} restored from the state changelog ({Bytes} bytes); resuming at {Offsets}")]
    public static partial void Restored(ILogger logger, int partition, int bytes, string offsets);

    [LoggerMessage(1101, LogLevel.Warning, "Partition {Partition} state not restored: {Reason}; rebuilding by replay from {Offsets}")]
    public static partial void Rebuilding(ILogger logger, int partition, string reason, string offsets);

    [LoggerMessage(1102, LogLevel.Information, "Partition {Partition} has no usable state snapshot ({Reason}); starting from the committed offset")]
    public static partial void NoSnapshot(ILogger logger, int partition, string reason);

    [LoggerMessage(1103, LogLevel.Debug, "Handed the state of {Partitions} partitions to the changelog ({Bytes} bytes); their offsets are stored once it is acknowledged")]
    public static partial void Saved(ILogger logger, int partitions, long bytes);

    [LoggerMessage(1104, LogLevel.Warning, "Stopping with state snapshots unacknowledged by the changelog after {Waited}; the commit stops before the records they cover, which are consumed again on restart")]
    public static partial void SnapshotsOutstanding(ILogger logger, TimeSpan waited);
}
