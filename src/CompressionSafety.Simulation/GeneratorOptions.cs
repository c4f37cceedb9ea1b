namespace CompressionSafety.Simulation;

/// <summary>Everything that shapes a generated stream; the same options and seed give the same bytes.</summary>
public sealed record GeneratorOptions
{
    /// <summary>The default stream start, 2026-11-26T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seed of the only random source.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of record slots (predictions, late and invalid lines; duplicates and labels come on top).</summary>
    public long Records { get; init; } = 100_000;

    /// <summary>Start of the simulated period.</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>Length of the simulated period.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Model families; each record picks one uniformly.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["toxicity-guard"];

    /// <summary>
    /// LLM assistant models (docs/generate.md): they answer or refuse requests, some of them harmful, instead of
    /// classifying. Each record picks uniformly among <see cref="Models"/> and these.
    /// </summary>
    public IReadOnlyList<string> AssistantModels { get; init; } = [];

    /// <summary>Fraction of assistant records that report <c>safety.prompt_flagged</c> (the input guard's verdict), in [0, 1].</summary>
    public double PromptFlaggedRate { get; init; } = 1.0;

    /// <summary>
    /// Values per segment attribute (locale, channel), 2 to 16, with Zipf shares; null for the default mix (4 locales,
    /// 3 channels).
    /// </summary>
    public int? SliceValues { get; init; }

    /// <summary>Name of the uncompressed reference variant.</summary>
    public string BaselineVariant { get; init; } = "baseline";

    /// <summary>The compressed variants; the traffic not sent to the baseline is split evenly among them.</summary>
    public IReadOnlyList<VariantSpec> Variants { get; init; } = VariantSpec.Defaults;

    /// <summary>Share of traffic served by the baseline, in [0, 1].</summary>
    public double BaselineShare { get; init; } = 0.25;

    /// <summary>The safe (negative) label.</summary>
    public string SafeLabel { get; init; } = "safe";

    /// <summary>The safety-positive label.</summary>
    public string UnsafeLabel { get; init; } = "unsafe";

    /// <summary>Probability that a compressed variant's record carries the baseline's shadow output.</summary>
    public double ShadowRate { get; init; } = 1.0;

    /// <summary>Fraction of predictions carrying an inline <c>label</c>.</summary>
    public double InlineLabelRate { get; init; } = 0.05;

    /// <summary>Fraction of predictions that get a delayed label record (disjoint from the inline ones).</summary>
    public double DelayedLabelRate { get; init; } = 0.30;

    /// <summary>Shortest delay of a delayed label.</summary>
    public TimeSpan MinLabelDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest delay of a delayed label.</summary>
    public TimeSpan MaxLabelDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>When true, label lines are marked <see cref="GeneratedLine.ToLabelsFile"/> (written to a separate file).</summary>
    public bool SeparateLabels { get; init; }

    /// <summary>Fraction of slots that become invalid lines.</summary>
    public double InvalidRate { get; init; } = 0.001;

    /// <summary>Fraction of predictions repeated shortly after.</summary>
    public double DuplicateRate { get; init; } = 0.001;

    /// <summary>Fraction of slots that become late records.</summary>
    public double LateRate { get; init; } = 0.0005;

    /// <summary>The grace period late records are far older than.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Mean of the exponential delivery jitter that makes records slightly out of order.</summary>
    public TimeSpan MeanJitter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Injected degradations.</summary>
    public IReadOnlyList<Degradation> Degradations { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Records >= 0, nameof(Records), "must be >= 0");
        Require(Duration > TimeSpan.Zero, nameof(Duration), "must be positive");
        Require(Models.Count + AssistantModels.Count > 0 && Models.Concat(AssistantModels).All(m => m.Length is > 0 and <= 128), nameof(Models), "needs 1..128-character names");
        Require(Models.Concat(AssistantModels).Distinct(StringComparer.Ordinal).Count() == Models.Count + AssistantModels.Count, nameof(AssistantModels), "must not repeat a model name");
        Require(SliceValues is null or (>= 2 and <= SegmentModel.MaxValues), nameof(SliceValues), $"must be 2..{SegmentModel.MaxValues}");
        Require(Variants.Count > 0 || BaselineShare >= 1, nameof(Variants), "needs a compressed variant unless the baseline takes all traffic");
        Require(Variants.All(v => v.Name != BaselineVariant), nameof(Variants), "must not repeat the baseline's name");
        Require(SafeLabel != UnsafeLabel, nameof(UnsafeLabel), "must differ from the safe label");
        Require(MinLabelDelay >= TimeSpan.Zero && MaxLabelDelay >= MinLabelDelay, nameof(MaxLabelDelay), "must be >= the minimum delay >= 0");
        Require(MeanJitter >= TimeSpan.Zero, nameof(MeanJitter), "must be >= 0");
        Require(Grace >= TimeSpan.Zero, nameof(Grace), "must be >= 0");
        foreach (var (name, value) in new[]
        {
            (nameof(BaselineShare), BaselineShare), (nameof(ShadowRate), ShadowRate), (nameof(PromptFlaggedRate), PromptFlaggedRate),
            (nameof(InlineLabelRate), InlineLabelRate), (nameof(DelayedLabelRate), DelayedLabelRate),
            (nameof(InvalidRate), InvalidRate), (nameof(DuplicateRate), DuplicateRate), (nameof(LateRate), LateRate),
        })
        {
            Require(value is >= 0 and <= 1, name, "must be in [0, 1]");
        }

        Require(InlineLabelRate + DelayedLabelRate <= 1, nameof(DelayedLabelRate), "plus the inline label rate must be <= 1");
        Require(InvalidRate + LateRate <= 1, nameof(LateRate), "plus the invalid rate must be <= 1");
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {message}.", name);
        }
    }
}
