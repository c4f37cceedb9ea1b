using Microsoft.Extensions.Logging;

namespace CompressionSafety.InfluxDb;

/// <summary>Log messages of the InfluxDB sink (event ids 7001-7099). None of them carries the token.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "InfluxDB write of {Points} points failed (attempt {Attempt}); retrying in {Delay}. Sink degraded, {Buffered} points buffered.")]
    public static partial void ExportRetrying(ILogger logger, int points, int attempt, TimeSpan delay, long buffered, Exception? exception);

    [LoggerMessage(7002, LogLevel.Information, "InfluxDB writes succeed again; sink healthy.")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(7003, LogLevel.Warning, "InfluxDB sink buffer full ({Capacity} points): dropping the oldest points (counted in compression_safety.influxdb.points.dropped) until it drains.")]
    public static partial void BufferFull(ILogger logger, int capacity);

    [LoggerMessage(7004, LogLevel.Error, "InfluxDB rejected {Points} points with status {Status}; they are dropped.")]
    public static partial void Rejected(ILogger logger, int points, int status, Exception exception);

    [LoggerMessage(7005, LogLevel.Warning, "InfluxDB sink shut down with {Points} points undelivered after the shutdown timeout.")]
    public static partial void AbandonedAtShutdown(ILogger logger, long points);
}
