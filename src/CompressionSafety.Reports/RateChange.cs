namespace CompressionSafety.Reports;

/// <summary>A rate of a variant against its baseline, pooled over the report period.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Variant">Compressed variant.</param>
/// <param name="Baseline">Baseline variant.</param>
/// <param name="Slice">Slice (<c>all</c> for the whole traffic).</param>
/// <param name="Metric">Rate name (<c>flagged_rate</c>).</param>
/// <param name="VariantSuccesses">Variant records with the event.</param>
/// <param name="VariantTrials">Variant records that report it (sample size).</param>
/// <param name="BaselineSuccesses">Baseline records with the event.</param>
/// <param name="BaselineTrials">Baseline records that report it (sample size).</param>
/// <param name="VariantRate">Pooled variant rate.</param>
/// <param name="BaselineRate">Pooled baseline rate.</param>
/// <param name="Difference">Variant minus baseline rate.</param>
/// <param name="Low">Lower bound of the Newcombe 95% interval of the difference.</param>
/// <param name="High">Upper bound of the Newcombe 95% interval of the difference.</param>
public sealed record RateChange(
    string Model,
    string Variant,
    string Baseline,
    string Slice,
    string Metric,
    long VariantSuccesses,
    long VariantTrials,
    long BaselineSuccesses,
    long BaselineTrials,
    double VariantRate,
    double BaselineRate,
    double Difference,
    double Low,
    double High);
