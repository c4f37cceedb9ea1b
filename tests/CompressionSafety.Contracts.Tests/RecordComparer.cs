using System.Diagnostics.CodeAnalysis;

namespace CompressionSafety.Contracts.Tests;

/// <summary>
/// Compares records field by field, dictionaries and lists by content (record equality compares them by reference).
/// Timestamps must agree on instant and offset.
/// </summary>
internal sealed class RecordComparer : IEqualityComparer<InferenceRecord?>
{
    public static readonly RecordComparer Instance = new();

    public bool Equals(InferenceRecord? x, InferenceRecord? y) => (x, y) switch
    {
        (null, null) => true,
        (PredictionRecord a, PredictionRecord b) => SameHeader(a, b)
            && a.Model == b.Model
            && a.Variant == b.Variant
            && SameOutput(a.Prediction, b.Prediction)
            && a.Compression == b.Compression
            && SameMap(a.Segment, b.Segment)
            && SameInput(a.Input, b.Input)
            && SameSafety(a.Safety, b.Safety)
            && a.LatencyMs == b.LatencyMs
            && SameOutput(a.Shadow, b.Shadow)
            && a.Label == b.Label,
        (LabelRecord a, LabelRecord b) => SameHeader(a, b) && a.Label == b.Label && a.Source == b.Source,
        _ => false,
    };

    public int GetHashCode([DisallowNull] InferenceRecord? obj) => obj.EventId.GetHashCode(StringComparison.Ordinal);

    private static bool SameHeader(InferenceRecord a, InferenceRecord b) =>
        a.EventId == b.EventId && a.Timestamp == b.Timestamp && a.Timestamp.Offset == b.Timestamp.Offset;

    private static bool SameOutput(ModelOutput? a, ModelOutput? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Label == b.Label && a.Variant == b.Variant && SameMap(a.Probabilities, b.Probabilities);

    private static bool SameInput(InputSummary? a, InputSummary? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Length == b.Length && a.Hash == b.Hash && SameMap(a.Features, b.Features);

    private static bool SameSafety(SafetySignals? a, SafetySignals? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Flagged == b.Flagged && a.Refused == b.Refused && a.PromptFlagged == b.PromptFlagged && a.Categories.SequenceEqual(b.Categories);

    private static bool SameMap<T>(IReadOnlyDictionary<string, T>? a, IReadOnlyDictionary<string, T>? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && EqualityComparer<T>.Default.Equals(kv.Value, v));
}
