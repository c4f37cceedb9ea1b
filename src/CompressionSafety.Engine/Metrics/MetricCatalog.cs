using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Metrics;

/// <summary>
/// Every metric the engine writes, in one place. Outputs (windows.jsonl, line protocol, InfluxDB), rules and
/// dashboards name metrics from this list; <c>docs/metrics.md</c> documents it and a test keeps the two in step.
/// Rates carry <c>_low</c>/<c>_high</c> companions: the 95% Wilson interval (for differences: Newcombe's hybrid score interval).
/// </summary>
public static class MetricCatalog
{
    private const string Ratio = "1";
    private const string Count = "count";

    /// <summary>All metric definitions.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } = Build();

    /// <summary>The definition that <paramref name="metric"/> belongs to, or null when it is not in the catalogue.</summary>
    public static MetricDefinition? Find(string metric, string? reference = null)
    {
        foreach (var definition in All)
        {
            if (string.Equals(definition.Reference, reference, StringComparison.Ordinal) && definition.Matches(metric))
            {
                return definition;
            }
        }

        return null;
    }

    private static List<MetricDefinition> Build()
    {
        var list = new List<MetricDefinition>();
        void Add(string name, WindowKind kind, string? reference, string unit, string description, bool family = false) =>
            list.Add(new MetricDefinition(name, kind, reference, unit, description, family));
        void Rate(string name, WindowKind kind, string? reference, string description, bool family = false)
        {
            Add(name, kind, reference, Ratio, description, family);
            Add(name + "_low", kind, reference, Ratio, "Lower bound of the 95% interval of " + name + ".", family);
            Add(name + "_high", kind, reference, Ratio, "Upper bound of the 95% interval of " + name + ".", family);
        }

        const WindowKind T = WindowKind.Traffic;
        const WindowKind L = WindowKind.Labels;

        // The key's own traffic statistics.
        Add("count", T, null, Count, "Valid, de-duplicated prediction records in the window.");
        Rate("flagged_rate", T, null, "Share of records with safety.flagged = true, among records that report flagged.");
        Add("flagged_count", T, null, Count, "Records that report safety.flagged.");
        Rate("refused_rate", T, null, "Share of records with safety.refused = true, among records that report refused.");
        Add("refused_count", T, null, Count, "Records that report safety.refused.");
        Rate("harmful_compliance_rate", T, null, "Share of records answered (safety.refused = false) and flagged (safety.flagged = true), among records that report both.");
        Add("compliance_count", T, null, Count, "Records that report both safety.refused and safety.flagged.");
        Rate("harmful_refusal_rate", T, null, "Share of refusals among records with safety.prompt_flagged = true (requests judged harmful) that report refused.");
        Add("harmful_request_count", T, null, Count, "Records with safety.prompt_flagged = true that report refused.");
        Rate("benign_refusal_rate", T, null, "Over-refusal: share of refusals among records with safety.prompt_flagged = false that report refused.");
        Add("benign_request_count", T, null, Count, "Records with safety.prompt_flagged = false that report refused.");
        Rate("category_rate", T, null, "Share of records whose safety.categories contain the category (member: category name).", family: true);
        Add("label_share", T, null, Ratio, "Share of records predicted as the label (member: label).", family: true);
        Add("positive_probability_mean", T, null, Ratio, "Mean probability of the model's safety-positive label (records with probabilities).");
        Add("probability_count", T, null, Count, "Records that carry prediction.probabilities.");
        Add("entropy_mean", T, null, "nats", "Mean predictive entropy -sum p ln p of prediction.probabilities (natural log).");
        Rate("low_confidence_rate", T, null, "Share of records whose largest probability is below the low-confidence threshold.");
        Add("latency_mean_ms", T, null, "ms", "Mean serving latency.");
        Add("latency_p50_ms", T, null, "ms", "Median serving latency (KLL sketch, rank error within its documented bound).");
        Add("latency_p95_ms", T, null, "ms", "95th percentile serving latency (KLL sketch).");
        Add("latency_p99_ms", T, null, "ms", "99th percentile serving latency (KLL sketch).");
        Add("latency_count", T, null, Count, "Records that report latency_ms.");
        Add("shadow_count", T, null, Count, "Records that carry a shadow output.");
        Rate("flip_rate", T, null, "Share of shadowed records whose predicted label differs from the shadow's label.");
        Add("input_length_mean", T, null, Ratio, "Mean input.length.");
        Add("anomaly", T, null, Ratio, "Change detector statistic over the key's per-window series (member: <metric>.<detector>, metric one of flagged_rate, refused_rate, flip_rate, low_confidence_rate, latency_p95_ms; detector one of page_hinkley, cusum, ewma, adwin with river's defaults).", family: true);
        Add("anomaly_signal", T, null, Ratio, "1 in the window where that detector signals a change, else 0 (member: <metric>.<detector>).", family: true);

        // The key's own statistics on labelled records (delayed ground truth joined by event_id, or inline labels).
        Add("labelled_count", L, null, Count, "Records of the window with a joined label.");
        Rate("accuracy", L, null, "Share of labelled records predicted correctly.");
        Add("positive_count", L, null, Count, "Labelled records whose true label is the safety-positive label.");
        Rate("unsafe_miss_rate", L, null, "Share of truly safety-positive records predicted as another label (false negatives / positives).");
        Add("negative_count", L, null, Count, "Labelled records whose true label is not the safety-positive label.");
        Rate("false_flag_rate", L, null, "Share of truly negative records predicted as the safety-positive label.");
        Add("brier", L, null, Ratio, "Brier score of the safety-positive probability against the labels (sklearn brier_score_loss).");
        Add("ece", L, null, Ratio, "Expected calibration error, 15 equal-width bins (lo, hi], as sklearn calibration_curve assigns them.");
        Add("calibration_count", L, null, Count, "Labelled records with probabilities (the sample of brier and ece).");

        // Against the baseline variant's traffic in the same window and slice.
        const string B = ReferenceNames.Baseline;
        Add("baseline_count", T, B, Count, "The baseline's record count in the same window and slice.");
        foreach (var rate in new[] { "flagged_rate", "refused_rate", "harmful_compliance_rate", "harmful_refusal_rate", "benign_refusal_rate", "low_confidence_rate" })
        {
            Rate(rate + "_diff", T, B, $"Variant minus baseline {rate}; interval: Newcombe hybrid score.");
        }

        Rate("category_rate_diff", T, B, "Variant minus baseline category_rate (member: category name, either side's); interval: Newcombe hybrid score.", family: true);
        foreach (var change in RateChanges.All)
        {
            var rate = change.Metric[..change.Metric.IndexOf("_cusum", StringComparison.Ordinal)];
            Add(change.Metric, T, B, Ratio, $"E-detector (exact conditional CUSUM, docs/statistics.md) that the variant's {rate} is {(change.Up ? "above" : "below")} the baseline's, tuned to an odds ratio of {(change.Up ? "2" : "1/2")}; reaching h has probability at most exp(-h) from any restart, so at most T exp(-h) false alarms in T windows.");
        }

        Add("flagged_rate_diff_cs_low", T, B, Ratio, "Lower bound of the anytime-valid 95% confidence sequence (normal mixture) for variant minus baseline flagged rate over all windows so far.");
        Add("flagged_rate_diff_cs_high", T, B, Ratio, "Upper bound of the same confidence sequence.");
        Add("positive_probability_psi", T, B, Ratio, "PSI of the safety-positive probability histogram (10 equal-width bins over [0, 1], proportions floored at 1e-4, natural log), baseline as reference.");
        Add("positive_probability_js", T, B, Ratio, "Jensen-Shannon distance (base 2) of the same histograms.");
        Add("entropy_mean_diff", T, B, "nats", "Variant minus baseline mean entropy.");
        Add("latency_p95_diff_ms", T, B, "ms", "Variant minus baseline p95 latency.");
        Add("latency_p95_ratio", T, B, Ratio, "Variant p95 latency divided by the baseline's (absent when the baseline's p95 is 0).");
        Add("baseline_labelled_count", L, B, Count, "The baseline's labelled count in the same window and slice.");
        foreach (var rate in new[] { "accuracy", "unsafe_miss_rate", "false_flag_rate" })
        {
            Rate(rate + "_diff", L, B, $"Variant minus baseline {rate}; interval: Newcombe hybrid score.");
        }

        Add("unsafe_miss_rate_diff_cs_low", L, B, Ratio, "Lower bound of the anytime-valid 95% confidence sequence for variant minus baseline unsafe-miss rate over all windows so far.");
        Add("unsafe_miss_rate_diff_cs_high", L, B, Ratio, "Upper bound of the same confidence sequence.");
        Add("ece_diff", L, B, Ratio, "Variant minus baseline ECE.");
        Add("brier_diff", L, B, Ratio, "Variant minus baseline Brier score.");

        // Against the paired shadow outputs on the same events.
        const string S = ReferenceNames.Shadow;
        Add("paired_count", L, S, Count, "Labelled records that also carry a shadow output.");
        Add("mcnemar_b", L, S, Count, "Pairs where the shadow (baseline) is right and the variant wrong.");
        Add("mcnemar_c", L, S, Count, "Pairs where the variant is right and the shadow wrong.");
        Add("mcnemar_discordant", L, S, Count, "Discordant pairs b + c (the McNemar test's effective sample).");
        Add("mcnemar_p_exact", L, S, Ratio, "Exact McNemar p-value: min(1, 2 BinomCDF(min(b, c); b + c, 1/2)).");
        Add("accuracy_diff", L, S, Ratio, "Variant minus shadow accuracy on the paired records.");
        Add("mcnemar_cusum", L, S, Ratio, "CUSUM over windows of the log-likelihood ratio that discordant pairs go against the variant (share discordance_cusum_alternative) rather than half and half; reaching h has probability at most exp(-h) under the null.");

        // Against the latest revalidation baseline snapshot (same model, variant name and slice name).
        const string N = ReferenceNames.Snapshot;
        Add("snapshot_cases", T, N, Count, "Suite cases behind the snapshot's numbers for this variant and slice.");
        Add("expected_positive_share", T, N, Ratio, "The snapshot's share of predictions of the safety-positive label (its flag_rate).");
        Add("positive_share_diff", T, N, Ratio, "Live minus expected share of predictions of the safety-positive label.");
        Add("expected_entropy_mean", T, N, "nats", "The snapshot's mean predictive entropy.");
        Add("entropy_mean_diff", T, N, "nats", "Live minus expected mean entropy.");
        Add("expected_flip_rate", T, N, Ratio, "The snapshot's flip rate against the baseline model on the suite.");
        Add("flip_rate_diff", T, N, Ratio, "Live flip rate (against shadow outputs) minus the snapshot's.");
        Add("positive_probability_psi", T, N, Ratio, "PSI of the live safety-positive probability histogram against the snapshot's (its bins merged into the engine's when they nest).");
        Add("positive_probability_js", T, N, Ratio, "Jensen-Shannon distance (base 2) of the same histograms.");
        foreach (var rate in new[] { "accuracy", "unsafe_miss_rate", "false_flag_rate", "ece", "brier" })
        {
            Add("expected_" + rate, L, N, Ratio, $"The snapshot's {rate} for this variant and slice.");
            Add(rate + "_diff", L, N, Ratio, $"Live minus expected {rate}.");
        }

        // Against the pinned input distribution (first windows of the stream).
        const string I = ReferenceNames.InputReference;
        Add("input_length_psi", T, I, Ratio, "PSI of input.length (10 quantile bins fitted on the reference, epsilon 1e-4).");
        Add("input_length_js", T, I, Ratio, "Jensen-Shannon distance (base 2) of input.length over the same bins.");
        Add("feature_psi", T, I, Ratio, "PSI of input.features.<name> (member: feature name), bins as input_length_psi.", family: true);
        Add("feature_js", T, I, Ratio, "Jensen-Shannon distance (base 2) of input.features.<name> (member: feature name).", family: true);
        Add("reference_count", T, I, Count, "Records in the pinned reference.");
        return list;
    }
}
