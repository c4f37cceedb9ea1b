using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>Comparisons of a compressed variant's window with the baseline variant's window of the same model and slice.</summary>
internal static class ReferenceMetrics
{
    public static void CompareTraffic(TrafficAccumulator variant, TrafficAccumulator baseline, MetricWriter values)
    {
        values.Set("baseline_count", baseline.Count);
        values.RateDifference("flagged_rate_diff", variant.Flagged, variant.FlaggedKnown, baseline.Flagged, baseline.FlaggedKnown);
        values.RateDifference("refused_rate_diff", variant.Refused, variant.RefusedKnown, baseline.Refused, baseline.RefusedKnown);
        values.RateDifference("harmful_compliance_rate_diff", variant.HarmfulCompliance, variant.ComplianceKnown, baseline.HarmfulCompliance, baseline.ComplianceKnown);
        values.RateDifference("harmful_refusal_rate_diff", variant.HarmfulRefused, variant.HarmfulRequests, baseline.HarmfulRefused, baseline.HarmfulRequests);
        values.RateDifference("benign_refusal_rate_diff", variant.BenignRefused, variant.BenignRequests, baseline.BenignRefused, baseline.BenignRequests);
        // Either side's categories: one the variant stopped hitting is as much a change as a new one.
        foreach (var category in variant.Categories.Counts.Keys.Union(baseline.Categories.Counts.Keys, StringComparer.Ordinal))
        {
            values.RateDifference(
                "category_rate_diff." + category, variant.Categories.Counts.GetValueOrDefault(category), variant.SafetyKnown,
                baseline.Categories.Counts.GetValueOrDefault(category), baseline.SafetyKnown);
        }

        values.RateDifference("low_confidence_rate_diff", variant.LowConfidence, variant.ProbabilityCount, baseline.LowConfidence, baseline.ProbabilityCount);
        if (variant.ProbabilityCount > 0 && baseline.ProbabilityCount > 0)
        {
            var reference = Divergence.ToProportions(baseline.PositiveHistogram);
            var current = Divergence.ToProportions(variant.PositiveHistogram);
            values.Set("positive_probability_psi", Divergence.Psi(reference, current));
            values.Set("positive_probability_js", Divergence.JensenShannon(reference, current));
            values.Set("entropy_mean_diff", (variant.EntropySum / variant.ProbabilityCount) - (baseline.EntropySum / baseline.ProbabilityCount));
        }

        if (variant.Latency.Count > 0 && baseline.Latency.Count > 0)
        {
            var variantP95 = variant.Latency.Quantile(0.95);
            var baselineP95 = baseline.Latency.Quantile(0.95);
            values.Set("latency_p95_diff_ms", variantP95 - baselineP95);
            // Relative, so one threshold fits a 30 ms guard and a 700 ms assistant, whose p95s scatter in proportion.
            if (baselineP95 > 0)
            {
                values.Set("latency_p95_ratio", variantP95 / baselineP95);
            }
        }
    }

    public static void CompareLabels(LabelAccumulator variant, LabelAccumulator baseline, MetricWriter values)
    {
        values.Set("baseline_labelled_count", baseline.Labelled);
        values.RateDifference("accuracy_diff", variant.Correct, variant.Labelled, baseline.Correct, baseline.Labelled);
        values.RateDifference("unsafe_miss_rate_diff", variant.Missed, variant.Positives, baseline.Missed, baseline.Positives);
        values.RateDifference("false_flag_rate_diff", variant.FalseFlags, variant.Negatives, baseline.FalseFlags, baseline.Negatives);
        if (variant.Calibration.Count > 0 && baseline.Calibration.Count > 0)
        {
            values.Set("ece_diff", variant.Calibration.Ece - baseline.Calibration.Ece);
            values.Set("brier_diff", variant.Calibration.Brier - baseline.Calibration.Brier);
        }
    }

    /// <summary>
    /// Feeds this window's counts to a key's anytime-valid confidence sequence for the variant-minus-baseline difference
    /// and writes its current interval as <c>name_low</c> / <c>name_high</c>: a rule may check it after every window and
    /// keep its false-alarm guarantee however long it runs.
    /// </summary>
    public static void UpdateSequence(DifferenceConfidenceSequence sequence, string name, long variantSuccesses, long variantTrials, long baselineSuccesses, long baselineTrials, MetricWriter values)
    {
        if (variantTrials > 0 && baselineTrials > 0)
        {
            sequence.Update(variantSuccesses, variantTrials, baselineSuccesses, baselineTrials);
        }

        if (sequence.Windows > 0)
        {
            values.Set(name + "_low", sequence.Current.Low);
            values.Set(name + "_high", sequence.Current.High);
        }
    }
}
