using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Reporting;

/// <summary>Log messages of the scheduled report (event ids 8101-8199).</summary>
internal static partial class ReportLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Report for {From:O} to {To:O} written to {Directory}: {Variants} variants, {Incidents} incidents, {Windows} windows")]
    public static partial void Written(ILogger logger, DateTimeOffset from, DateTimeOffset to, string directory, int variants, int incidents, long windows);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "No report for {From:O} to {To:O}: {Reason}")]
    public static partial void MissingArchive(ILogger logger, DateTimeOffset from, DateTimeOffset to, string reason);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Error, Message = "Report for {From:O} to {To:O} failed; the schedule goes on")]
    public static partial void Failed(ILogger logger, DateTimeOffset from, DateTimeOffset to, Exception exception);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "No evaluation.json in {Directory} yet; the report has no evaluation gates and no model hashes")]
    public static partial void NoEvaluation(ILogger logger, string directory);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Information, Message = "Next report at {At:O} for {From:O} to {To:O}")]
    public static partial void Scheduled(ILogger logger, DateTimeOffset at, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Information, Message = "Missed report for {From:O} to {To:O} caught up in {Directory}, generated at {GeneratedAt:O}: {Variants} variants, {Incidents} incidents, {Windows} windows")]
    public static partial void CaughtUp(ILogger logger, DateTimeOffset from, DateTimeOffset to, string directory, DateTimeOffset generatedAt, int variants, int incidents, long windows);

    [LoggerMessage(EventId = 8107, Level = LogLevel.Debug, Message = "No catch-up for {From:O} to {To:O}: {Reason}")]
    public static partial void CatchUpSkipped(ILogger logger, DateTimeOffset from, DateTimeOffset to, string reason);
}
