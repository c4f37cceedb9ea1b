namespace CompressionSafety.Contracts;

/// <summary>One prediction served in production (see <c>shared/spec/inference-log-v1.md</c>).</summary>
public sealed record PredictionRecord(
    string EventId,
    DateTimeOffset Timestamp,
    string Model,
    string Variant,
    ModelOutput Prediction) : InferenceRecord(EventId, Timestamp)
{
    /// <summary>Compression metadata, when given.</summary>
    public CompressionInfo? Compression { get; init; }

    /// <summary>Slice attributes (empty when none).</summary>
    public IReadOnlyDictionary<string, string> Segment { get; init; } = EmptySegment;

    /// <summary>Input summary, when given.</summary>
    public InputSummary? Input { get; init; }

    /// <summary>Safety signals, when given.</summary>
    public SafetySignals? Safety { get; init; }

    /// <summary>Serving latency in milliseconds, when given.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The baseline's shadow output on the same input, when the server shadows traffic.</summary>
    public ModelOutput? Shadow { get; init; }

    /// <summary>Ground truth, when already known at serving time.</summary>
    public string? Label { get; init; }

    /// <summary>The segment of a record without one, shared (the parser sets it without copying the record).</summary>
    internal static IReadOnlyDictionary<string, string> EmptySegment { get; } = new Dictionary<string, string>();
}
