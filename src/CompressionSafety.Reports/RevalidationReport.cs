namespace CompressionSafety.Reports;

/// <summary>Everything a revalidation report shows; the JSON, Markdown and HTML outputs are written from it.</summary>
/// <param name="GeneratedAt">Generation time.</param>
/// <param name="ToolVersion">Tool version.</param>
/// <param name="PeriodStart">Earliest window start in the report, or null when there were no windows.</param>
/// <param name="PeriodEnd">Latest window end in the report, or null.</param>
/// <param name="WindowsUsed">Window results counted.</param>
/// <param name="Decisions">Per variant decision.</param>
/// <param name="Changes">Pooled changes against the baseline (slice <c>all</c> first, then slices by harm).</param>
/// <param name="Series">Flagged rate per window for each variant's <c>all</c> slice.</param>
/// <param name="Incidents">Incidents of the period.</param>
/// <param name="Exemplars">Exemplars for review.</param>
/// <param name="Inputs">Input files with hashes and record counts.</param>
public sealed record RevalidationReport(
    DateTimeOffset GeneratedAt,
    string ToolVersion,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    long WindowsUsed,
    IReadOnlyList<VariantDecision> Decisions,
    IReadOnlyList<RateChange> Changes,
    IReadOnlyList<RatePoint> Series,
    IReadOnlyList<IncidentLifecycle> Incidents,
    IReadOnlyList<Exemplar> Exemplars,
    IReadOnlyList<InputFile> Inputs)
{
    /// <summary>Reliability diagrams: each compressed variant's pooled calibration bins with its baseline's (slice <c>all</c>).</summary>
    public IReadOnlyList<ReliabilityDiagram> Reliability { get; init; } = [];

    /// <summary>Per window PSI of each compressed variant's safety-positive probability against its baseline (slice <c>all</c>).</summary>
    public IReadOnlyList<DriftPoint> Drift { get; init; } = [];

    /// <summary>Every (variant, slice) change of <c>unsafe_miss_rate</c> and <c>flagged_rate</c>, most harmful first.</summary>
    public IReadOnlyList<SliceHarm> SliceHarms { get; init; } = [];

    /// <summary>Latency over the period and model size per variant.</summary>
    public IReadOnlyList<ResourceFigures> Resources { get; init; } = [];

    /// <summary>Problems a reader must see, e.g. an evaluation of other model or variant names than the windows'.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Configuration, rule-set, suite and model hashes and the generator seed, or <c>unknown</c> where no input states them.</summary>
    public ReproducibilityManifest Reproducibility { get; init; } = ReproducibilityManifest.Empty;
}
