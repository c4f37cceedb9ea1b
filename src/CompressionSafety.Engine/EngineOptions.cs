using System.ComponentModel.DataAnnotations;

namespace CompressionSafety.Engine;

/// <summary>
/// Settings of the window engine. Every setting is documented in <c>docs/configuration.md</c>; the CLI reads them from
/// <c>--config</c> (JSON or YAML) and the worker from its <c>Engine</c> configuration section.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section the worker binds.</summary>
    public const string SectionName = "Engine";

    /// <summary>Tumbling window size, aligned to the Unix epoch. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its end a window accepts out-of-order records. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its end a window's labelled statistics wait for delayed labels. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan LabelHorizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far ahead of stream time (and, in the worker, of the clock) a record's event time may be; a record further
    /// ahead is dead-lettered <c>future_timestamp</c> and never moves stream time. Default 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Event-time span within which a repeated <c>event_id</c> is recognised as a duplicate. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on remembered event ids (de-duplication and pending label joins); the oldest are forgotten first and counted.</summary>
    [Range(1_000, 100_000_000)]
    public int MaxTrackedEvents { get; set; } = 2_000_000;

    /// <summary>Segment attributes that get slices. Null or empty: every attribute seen in the data.</summary>
    public IList<string>? SegmentAttributes { get; set; }

    /// <summary>Distinct values per attribute that get their own slice; later new values go to <c>attribute=other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxSliceValuesPerAttribute { get; set; } = 20;

    /// <summary>Distinct model names the engine keeps windows for; a prediction of a further model is dead-lettered <c>too_many_models</c>. Default 100.</summary>
    [Range(1, 10_000)]
    public int MaxModels { get; set; } = 100;

    /// <summary>
    /// Distinct variant names per model, besides <see cref="BaselineVariant"/> (always kept, as every comparison needs
    /// it); a prediction of a further variant is dead-lettered <c>too_many_variants</c>. Default 20.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxVariantsPerModel { get; set; } = 20;

    /// <summary>Distinct segment attributes that get slices when <see cref="SegmentAttributes"/> is not set.</summary>
    [Range(0, 1_000)]
    public int MaxSegmentAttributes { get; set; } = 10;

    /// <summary>The safety-positive label of models not listed in <see cref="PositiveLabels"/>. Default <c>unsafe</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DefaultPositiveLabel { get; set; } = "unsafe";

    /// <summary>The safety-positive label per model.</summary>
    public IDictionary<string, string> PositiveLabels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The variant name of the uncompressed reference. Default <c>baseline</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BaselineVariant { get; set; } = "baseline";

    /// <summary>A record whose largest probability is below this is low-confidence. Default 0.6.</summary>
    [Range(0.0, 1.0)]
    public double LowConfidenceThreshold { get; set; } = 0.6;

    /// <summary>Equal-width bins of the safety-positive probability histogram over [0, 1]. Default 10.</summary>
    [Range(2, 1_000)]
    public int ProbabilityBins { get; set; } = 10;

    /// <summary>Equal-width bins for ECE. Default 15.</summary>
    [Range(2, 1_000)]
    public int CalibrationBins { get; set; } = 15;

    /// <summary>Input features tracked per key (the first seen); others are ignored and counted. Default 8.</summary>
    [Range(0, 256)]
    public int MaxFeatures { get; set; } = 8;

    /// <summary>Quantile bins for input drift, fitted on the pinned reference. Default 10.</summary>
    [Range(2, 100)]
    public int InputDriftBins { get; set; } = 10;

    /// <summary>How many first windows of a key form its pinned input reference. Default 3.</summary>
    [Range(1, 1_000)]
    public int InputReferenceWindows { get; set; } = 3;

    /// <summary>Distinct safety categories and predicted labels tracked per key; others are counted as <c>other</c>.</summary>
    [Range(1, 10_000)]
    public int MaxCategories { get; set; } = 32;

    /// <summary>
    /// Change detectors run over each key's per-window series of its main rates and p95 latency
    /// (<c>page_hinkley</c>, <c>cusum</c>, <c>ewma</c>, <c>adwin</c>); empty turns them off.
    /// </summary>
    public IList<string> AnomalyDetectors { get; set; } = ["page_hinkley", "cusum", "ewma", "adwin"];

    /// <summary>Error probability of the anytime-valid confidence sequences on variant-minus-baseline differences. Default 0.05.</summary>
    [Range(1e-9, 0.5)]
    public double ConfidenceSequenceAlpha { get; set; } = 0.05;

    /// <summary>
    /// The share of discordant pairs against the variant that the shadow discordance CUSUM (<c>mcnemar_cusum</c>) is
    /// tuned to catch fastest; in (0.5, 1). Default 0.9: a regression in which the compressed variant is wrong where its
    /// baseline is right nine times as often as the reverse.
    /// </summary>
    [Range(0.501, 0.999)]
    public double DiscordanceCusumAlternative { get; set; } = 0.9;

    /// <summary>Checks the settings and returns one message per problem, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results.Select(r => $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}").ToList();
        if (SegmentAttributes is not null && SegmentAttributes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(SegmentAttributes)}: attribute names must not be empty.");
        }

        foreach (var detector in AnomalyDetectors.Where(d => !Windows.AnomalyTracker.KnownDetectors.Contains(d, StringComparer.Ordinal)))
        {
            errors.Add($"{nameof(AnomalyDetectors)}: unknown detector '{detector}'; known: {string.Join(", ", Windows.AnomalyTracker.KnownDetectors)}.");
        }

        if (LabelHorizon < Grace)
        {
            errors.Add($"{nameof(LabelHorizon)}: must be at least {nameof(Grace)} ({Grace}), got {LabelHorizon}.");
        }

        foreach (var (model, label) in PositiveLabels)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                errors.Add($"{nameof(PositiveLabels)}: the positive label of model '{model}' must not be empty.");
            }
        }

        return errors;
    }

    /// <summary>The safety-positive label of <paramref name="model"/>.</summary>
    public string PositiveLabelFor(string model) =>
        PositiveLabels.TryGetValue(model, out var label) ? label : DefaultPositiveLabel;
}
