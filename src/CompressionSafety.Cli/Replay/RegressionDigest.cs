using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics;

namespace CompressionSafety.Cli.Replay;

/// <summary>
/// Pools labelled windows over a whole run into one unsafe-miss rate per (variant, slice), and ranks compressed
/// variants' slices by how much worse they are than the baseline in the same slice (by the lower bound of the Newcombe
/// interval of the difference), so a person sees first where compression hurt most.
/// </summary>
internal sealed class RegressionDigest(string baselineVariant)
{
    private readonly Dictionary<(string Model, string Variant, string Slice), (long Missed, long Positives, long Flagged, long FlaggedKnown)> _pooled = [];

    public void Add(WindowResult result)
    {
        var key = (result.Key.Model, result.Key.Variant, result.Key.Slice);
        var current = _pooled.GetValueOrDefault(key);
        var m = result.Metrics;
        if (result.Kind == WindowKind.Labels && m.TryGetValue("positive_count", out var positives) && m.TryGetValue("unsafe_miss_rate", out var rate))
        {
            current.Missed += (long)Math.Round(rate * positives);
            current.Positives += (long)positives;
        }
        else if (result.Kind == WindowKind.Traffic && m.TryGetValue("flagged_count", out var known) && m.TryGetValue("flagged_rate", out var flagged))
        {
            current.Flagged += (long)Math.Round(flagged * known);
            current.FlaggedKnown += (long)known;
        }

        _pooled[key] = current;
    }

    /// <summary>Compressed (variant, slice) pairs, worst first.</summary>
    public IReadOnlyList<RegressionRow> Rank(int top)
    {
        var rows = new List<RegressionRow>();
        foreach (var ((model, variant, slice), counts) in _pooled)
        {
            if (variant == baselineVariant || counts.Positives == 0
                || !_pooled.TryGetValue((model, baselineVariant, slice), out var baseline) || baseline.Positives == 0)
            {
                continue;
            }

            var difference = Proportions.NewcombeDifference(counts.Missed, counts.Positives, baseline.Missed, baseline.Positives);
            rows.Add(new RegressionRow(
                model,
                variant,
                slice,
                (double)counts.Missed / counts.Positives,
                counts.Positives,
                (double)baseline.Missed / baseline.Positives,
                baseline.Positives,
                difference));
        }

        return rows.OrderByDescending(r => r.Difference.Low).ThenBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Slice, StringComparer.Ordinal).Take(top).ToList();
    }
}

/// <summary>One line of the digest.</summary>
internal sealed record RegressionRow(
    string Model,
    string Variant,
    string Slice,
    double VariantRate,
    long VariantPositives,
    double BaselineRate,
    long BaselinePositives,
    Interval Difference);
