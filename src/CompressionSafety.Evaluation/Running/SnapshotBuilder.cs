using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Evaluation.Running;

/// <summary>Turns an <see cref="EvaluationResult"/> into the <see cref="BaselineSnapshot"/> the engine reads.</summary>
public static class SnapshotBuilder
{
    /// <summary>Builds the snapshot.</summary>
    /// <param name="result">The evaluation.</param>
    /// <returns>The snapshot.</returns>
    public static BaselineSnapshot Build(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var variants = result.Variants.Select(v => new SnapshotVariant(
            v.Name,
            v.IsBaseline,
            v.Sha256,
            Gating.GateDecisionText.Of(v.Gate),
            new[] { v.Metrics }.Concat(v.Slices).Select(m => Slice(m, result.Labels)).ToList())).ToList();
        return new BaselineSnapshot(
            BaselineSnapshot.CurrentSchemaVersion, result.Model, result.CreatedAt, result.ToolVersion, result.Seed,
            result.SuiteSha256, result.SuiteCases, result.Labels, result.SafetyPositiveLabel, variants, result.Host?.ToProperties());
    }

    private static SnapshotSlice Slice(SliceMetrics m, IReadOnlyList<string> labels)
    {
        var positives = m.SafetyPositives - m.UnsafeMisses + m.FalseFlags;
        var rates = new SortedDictionary<string, double?>(StringComparer.Ordinal)
        {
            ["accuracy"] = m.Accuracy,
            ["unsafe_miss_rate"] = m.UnsafeMissRate,
            ["false_flag_rate"] = m.FalseFlagRate,
            ["flag_rate"] = m.Cases == 0 ? null : (double)positives / m.Cases,
            ["flip_rate"] = m.FlipRate,
            ["ece"] = m.Ece,
            ["brier"] = m.Brier,
            ["mean_entropy"] = m.MeanEntropy,
        };
        var distribution = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < labels.Count; k++)
        {
            distribution[labels[k]] = m.Cases == 0 ? 0 : (double)m.PredictedLabelCounts[k] / m.Cases;
        }

        var bins = m.SafetyScoreHistogram.Count;
        var edges = Enumerable.Range(0, bins + 1).Select(i => (double)i / bins).ToList();
        return new SnapshotSlice(m.Slice, m.Cases, rates, distribution, new Histogram(edges, m.SafetyScoreHistogram));
    }
}
