namespace CompressionSafety.Engine;

/// <summary>What the engine did with one valid record.</summary>
public enum RecordOutcome
{
    /// <summary>A prediction counted in its window.</summary>
    Accepted,

    /// <summary>A prediction whose <c>event_id</c> was seen within the de-duplication horizon: counted and skipped.</summary>
    Duplicate,

    /// <summary>A prediction for a window that has already closed: counted, to be dead-lettered with reason <c>late</c>.</summary>
    Late,

    /// <summary>
    /// A record dated more than <see cref="EngineOptions.MaxFutureSkew"/> ahead of stream time or of the caller's clock
    /// (or after 2262): counted, not in any window, never moving stream time, to be dead-lettered with reason
    /// <c>future_timestamp</c>.
    /// </summary>
    FutureTimestamp,

    /// <summary>
    /// A prediction of a model or variant past the cardinality caps (<see cref="EngineOptions.MaxModels"/>,
    /// <see cref="EngineOptions.MaxVariantsPerModel"/>): counted, in no window, to be dead-lettered with reason
    /// <c>too_many_models</c> or <c>too_many_variants</c> (<see cref="WindowEngine.DescribeOverflow"/>).
    /// </summary>
    KeyOverflow,

    /// <summary>A label joined to its prediction.</summary>
    LabelJoined,

    /// <summary>A label whose prediction has not been seen yet; kept for the label horizon.</summary>
    LabelPending,

    /// <summary>A label whose prediction's window has already closed its labelled statistics (or a second label for one event): counted, to be dead-lettered.</summary>
    LabelLate,
}
