using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Diagnostics;

/// <summary>The worker's log messages, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Consuming {Topics} as group {GroupId} from {BootstrapServers}")]
    public static partial void Starting(ILogger logger, string topics, string groupId, string bootstrapServers);

    [LoggerMessage(1001, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(1002, LogLevel.Information, "Partitions revoked: {Partitions}; their open windows are dropped")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(1003, LogLevel.Warning, "Partitions lost: {Partitions}; their open windows are dropped without a commit")]
    public static partial void Lost(ILogger logger, string partitions);

    [LoggerMessage(1004, LogLevel.Warning, "Kafka client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string code, string reason);

    [LoggerMessage(1005, LogLevel.Debug, "Record {Topic}[{Partition}]@{Offset} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(1006, LogLevel.Debug, "Stored offsets {Offsets}")]
    public static partial void Stored(ILogger logger, string offsets);

    [LoggerMessage(1007, LogLevel.Information, "Stopping: flushing outputs, committing and closing the consumer")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(1008, LogLevel.Critical, "Fatal error, stopping the host: {Reason}")]
    public static partial void Fatal(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(1009, LogLevel.Information, "Window closed: {Model}/{Variant}/{Slice} {Kind} [{Start:O}, {End:O}) n={Count}")]
    public static partial void WindowClosed(ILogger logger, string model, string variant, string slice, string kind, DateTimeOffset start, DateTimeOffset end, long count);

    [LoggerMessage(1010, LogLevel.Warning, "Commit failed ({Reason}); the offsets are committed with the next one")]
    public static partial void CommitFailed(ILogger logger, string reason);

    [LoggerMessage(1011, LogLevel.Error, "Record {Topic}[{Partition}]@{Offset} broke the engine; dead-lettered as processing_error")]
    public static partial void ProcessingFailed(ILogger logger, string topic, int partition, long offset, Exception exception);

    [LoggerMessage(1012, LogLevel.Warning, "Stopping with {InFlight} output records unacknowledged after {Waited}; the commit stops before the records they came from, which are consumed again on restart")]
    public static partial void DeliveriesOutstanding(ILogger logger, long inFlight, TimeSpan waited);

    [LoggerMessage(1013, LogLevel.Warning, "Fetching paused: {InFlight} output records unacknowledged (half of Kafka:MaxInFlight); polling goes on")]
    public static partial void Paused(ILogger logger, long inFlight);

    [LoggerMessage(1014, LogLevel.Information, "Fetching resumed: {InFlight} output records unacknowledged")]
    public static partial void Resumed(ILogger logger, long inFlight);

    [LoggerMessage(1015, LogLevel.Warning, "Offset reset on {Topic}[{Partition}]: expected to resume at {Expected}, consumed from {Actual} (log starts at {LowWatermark}); records between were skipped or are read again")]
    public static partial void OffsetReset(ILogger logger, string topic, int partition, long expected, long actual, long? lowWatermark);
}
