using CompressionSafety.Contracts;

namespace CompressionSafety.Engine.Tests;

/// <summary>Builds records for tests.</summary>
internal static class Records
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    private static int _next;

    public static PredictionRecord Prediction(
        DateTimeOffset time,
        string variant = "baseline",
        string label = "safe",
        double unsafeProbability = 0.2,
        string? id = null,
        IReadOnlyDictionary<string, string>? segment = null,
        bool? flagged = null,
        bool? refused = null,
        string? shadowLabel = null,
        string? trueLabel = null,
        double? latency = null,
        double? length = null,
        string model = "toxicity-guard",
        IReadOnlyList<string>? categories = null,
        bool? promptFlagged = null) =>
        new(
            id ?? $"e-{Interlocked.Increment(ref _next)}",
            time,
            model,
            variant,
            new ModelOutput(label, new Dictionary<string, double> { ["safe"] = 1 - unsafeProbability, ["unsafe"] = unsafeProbability }))
        {
            Segment = segment ?? new Dictionary<string, string>(),
            Safety = flagged is null && refused is null && categories is null ? null : new SafetySignals(flagged, refused, categories ?? []) { PromptFlagged = promptFlagged },
            Shadow = shadowLabel is null ? null : new ModelOutput(shadowLabel, null, "baseline"),
            Label = trueLabel,
            LatencyMs = latency,
            Input = length is null ? null : new InputSummary(length, new Dictionary<string, double>(), null),
        };

    public static LabelRecord Label(string eventId, DateTimeOffset time, string label) => new(eventId, time, label, "human-review");
}
