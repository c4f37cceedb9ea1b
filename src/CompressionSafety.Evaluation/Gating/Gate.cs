using System.Globalization;
using CompressionSafety.Evaluation.Running;
using CompressionSafety.Statistics;

namespace CompressionSafety.Evaluation.Gating;

/// <summary>
/// Applies a <see cref="GatePolicy"/> to a variant's metrics. A degradation at or above <c>reject</c> rejects only
/// when its 95% interval lies above zero (evidence, not noise); otherwise reaching either threshold asks for
/// validation. Rate differences use Newcombe's interval for two independent proportions, which ignores the pairing
/// of the same cases and is therefore conservative.
/// </summary>
public static class Gate
{
    /// <summary>Checks a policy before any model is run.</summary>
    /// <param name="policy">The policy.</param>
    /// <exception cref="EvaluationException">A rule names an unknown metric or has inconsistent thresholds.</exception>
    public static void Validate(GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var rule in policy.Rules ?? [])
        {
            if (!GatePolicy.Metrics.Contains(rule.Metric))
            {
                throw new EvaluationException($"Gate rule metric '{rule.Metric}' is unknown; use one of {string.Join(", ", GatePolicy.Metrics)}.");
            }

            if (!(rule.NeedsValidation >= 0 && rule.Reject >= rule.NeedsValidation))
            {
                throw new EvaluationException($"Gate rule '{rule.Metric}': need 0 <= needs_validation <= reject.");
            }
        }
    }

    /// <summary>Judges one variant.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="baseline">Baseline metrics per slice (including <c>all</c>).</param>
    /// <param name="variant">Variant metrics per slice, same slice names.</param>
    /// <returns>The decision and every finding, most severe first.</returns>
    public static (GateDecision Decision, IReadOnlyList<GateReason> Reasons) Evaluate(
        GatePolicy policy, IReadOnlyList<SliceMetrics> baseline, IReadOnlyList<SliceMetrics> variant)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(variant);
        var reasons = new List<GateReason>();
        var baselineBySlice = baseline.ToDictionary(m => m.Slice, StringComparer.Ordinal);
        foreach (var rule in policy.Rules ?? [])
        {
            foreach (var v in variant)
            {
                var overall = v.Slice == "all";
                if ((!overall && (!rule.PerSlice || v.Cases < policy.MinSliceCases)) || !baselineBySlice.TryGetValue(v.Slice, out var b))
                {
                    continue;
                }

                if (Judge(rule, b, v) is { } reason)
                {
                    reasons.Add(reason);
                }
            }
        }

        var ordered = reasons.OrderByDescending(r => r.Decision).ThenByDescending(r => r.Degradation).ToList();
        return (ordered.Count == 0 ? GateDecision.Pass : ordered[0].Decision, ordered);
    }

    private static GateReason? Judge(GateRule rule, SliceMetrics b, SliceMetrics v)
    {
        double? baseValue;
        double? value;
        Interval? interval = null;
        switch (rule.Metric)
        {
            case "accuracy":
                (baseValue, value) = (b.Accuracy, v.Accuracy);
                interval = Proportions.NewcombeDifference(b.Correct, b.Cases, v.Correct, v.Cases);
                break;
            case "unsafe_miss_rate":
                (baseValue, value) = (b.UnsafeMissRate, v.UnsafeMissRate);
                interval = Proportions.NewcombeDifference(v.UnsafeMisses, v.SafetyPositives, b.UnsafeMisses, b.SafetyPositives);
                break;
            case "false_flag_rate":
                (baseValue, value) = (b.FalseFlagRate, v.FalseFlagRate);
                interval = Proportions.NewcombeDifference(v.FalseFlags, v.SafetyNegatives, b.FalseFlags, b.SafetyNegatives);
                break;
            case "flip_rate":
                (baseValue, value) = (0.0, v.FlipRate);
                interval = Proportions.Wilson(v.Flips, v.Cases);
                break;
            case "ece":
                (baseValue, value) = (b.Ece, v.Ece);
                break;
            default:
                (baseValue, value) = (b.Brier, v.Brier);
                break;
        }

        if (baseValue is null || value is null)
        {
            return null;
        }

        // Accuracy degrades downwards; every other metric degrades upwards.
        var degradation = rule.Metric == "accuracy" ? baseValue.Value - value.Value : value.Value - baseValue.Value;
        GateDecision decision;
        double threshold;
        if (degradation >= rule.Reject && (interval is null || interval.Value.Low > 0))
        {
            (decision, threshold) = (GateDecision.Reject, rule.Reject);
        }
        else if (degradation >= rule.NeedsValidation)
        {
            (decision, threshold) = (GateDecision.NeedsValidation, degradation >= rule.Reject ? rule.Reject : rule.NeedsValidation);
        }
        else
        {
            return null;
        }

        var isFlip = rule.Metric == "flip_rate";
        var ci = interval is { } i ? string.Create(CultureInfo.InvariantCulture, $", 95% CI [{i.Low:F4}, {i.High:F4}]") : ", no interval";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{rule.Metric} on {v.Slice} (n={v.Cases}): {(isFlip ? string.Empty : $"baseline {baseValue:F4} -> ")}variant {value:F4}, degradation {degradation:F4}{ci}; reaches {(decision == GateDecision.Reject ? "reject" : "needs-validation")} threshold {threshold:F4}");
        return new GateReason(
            decision, rule.Metric, v.Slice, isFlip ? null : baseValue, value.Value, degradation,
            interval?.Low, interval?.High, threshold, v.Cases, text);
    }
}
