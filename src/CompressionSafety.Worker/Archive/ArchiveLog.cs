using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Archive;

/// <summary>Log messages of the archive (event ids 8001-8099).</summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Archiving windows and incidents to {Directory} (retention in days: {RetentionDays}, none when empty)")]
    public static partial void Archiving(ILogger logger, string directory, int? retentionDays);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Archive retention: deleted {File}")]
    public static partial void Deleted(ILogger logger, string file);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Archive retention could not delete {File}")]
    public static partial void DeleteFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "The run settings changed during {Day}; its run file now says 'mixed' for what differs")]
    public static partial void RunChanged(ILogger logger, string day);
}
