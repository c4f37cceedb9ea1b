using Microsoft.Extensions.Logging;

namespace CompressionSafety.Worker.Evaluation;

/// <summary>Log messages of the scheduled re-evaluation (event ids 6001-6099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Re-evaluation of {Model} done: {Variants} variants, {Rejected} rejected, {NeedsValidation} need validation; written to {Directory}")]
    public static partial void EvaluationCompleted(ILogger logger, string model, int variants, int rejected, int needsValidation, string directory);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Re-evaluation pass failed; the previous snapshot stays in place")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);
}
