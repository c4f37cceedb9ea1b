using CompressionSafety.Engine.Snapshots;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Compares live windows with the latest revalidation baseline snapshot (reference <c>snapshot</c>): a key
/// (model, variant, slice) is compared with the snapshot's entry of the same model, variant name and slice name, when
/// there is one. Traffic windows compare predicted-positive share, mean entropy, flip rate and the safety-positive
/// probability histogram; labelled windows compare accuracy, unsafe-miss and false-flag rates, ECE and Brier.
/// Each comparison writes <c>expected_&lt;rate&gt;</c> (the snapshot's value) and <c>&lt;rate&gt;_diff</c> (live minus expected).
/// </summary>
internal sealed class SnapshotComparison(BaselineSnapshot snapshot)
{
    private readonly Dictionary<(string Variant, string Slice), SnapshotSlice> _slices = snapshot.Variants
        .SelectMany(v => v.Slices.Select(s => (v.Name, s)))
        .ToDictionary(x => (x.Name, x.s.Slice), x => x.s);

    public bool TryFind(WindowKey key, out SnapshotSlice slice)
    {
        slice = null!;
        return string.Equals(key.Model, snapshot.Model, StringComparison.Ordinal)
            && _slices.TryGetValue((key.Variant, key.Slice), out slice!);
    }

    public void CompareTraffic(SnapshotSlice expected, TrafficAccumulator window, string positiveLabel, MetricWriter values)
    {
        values.Set("snapshot_cases", expected.Cases);
        if (window.Count > 0 && expected.ExpectedRates.GetValueOrDefault("flag_rate") is { } flagRate)
        {
            var share = (double)window.Labels.Counts.GetValueOrDefault(positiveLabel) / window.Count;
            values.Set("expected_positive_share", flagRate);
            values.Set("positive_share_diff", share - flagRate);
        }

        if (window.ProbabilityCount > 0 && expected.ExpectedRates.GetValueOrDefault("mean_entropy") is { } entropy)
        {
            values.Set("expected_entropy_mean", entropy);
            values.Set("entropy_mean_diff", (window.EntropySum / window.ProbabilityCount) - entropy);
        }

        if (window.ShadowCount > 0 && expected.ExpectedRates.GetValueOrDefault("flip_rate") is { } flip)
        {
            values.Set("expected_flip_rate", flip);
            values.Set("flip_rate_diff", ((double)window.Flips / window.ShadowCount) - flip);
        }

        if (window.ProbabilityCount > 0 && Rebin(expected.SafetyScoreHistogram, window.PositiveHistogram.Length) is { } reference)
        {
            var current = Divergence.ToProportions(window.PositiveHistogram);
            values.Set("positive_probability_psi", Divergence.Psi(reference, current));
            values.Set("positive_probability_js", Divergence.JensenShannon(reference, current));
        }
    }

    public static void CompareLabels(SnapshotSlice expected, LabelAccumulator window, MetricWriter values)
    {
        void Compare(string name, long successes, long trials)
        {
            if (trials > 0 && expected.ExpectedRates.GetValueOrDefault(name) is { } rate)
            {
                values.Set("expected_" + name, rate);
                values.Set(name + "_diff", ((double)successes / trials) - rate);
            }
        }

        Compare("accuracy", window.Correct, window.Labelled);
        Compare("unsafe_miss_rate", window.Missed, window.Positives);
        Compare("false_flag_rate", window.FalseFlags, window.Negatives);
        if (window.Calibration.Count > 0)
        {
            if (expected.ExpectedRates.GetValueOrDefault("ece") is { } ece)
            {
                values.Set("expected_ece", ece);
                values.Set("ece_diff", window.Calibration.Ece - ece);
            }

            if (expected.ExpectedRates.GetValueOrDefault("brier") is { } brier)
            {
                values.Set("expected_brier", brier);
                values.Set("brier_diff", window.Calibration.Brier - brier);
            }
        }
    }

    /// <summary>
    /// The snapshot histogram as proportions over <paramref name="bins"/> equal-width bins of [0, 1], when its own
    /// equal-width bins nest in them (for example 20 snapshot bins into the engine's 10); null otherwise.
    /// </summary>
    internal static double[]? Rebin(Histogram histogram, int bins)
    {
        var count = histogram.Counts.Count;
        if (count == 0 || count % bins != 0 || histogram.Edges.Count != count + 1
            || histogram.Edges[0] != 0 || Math.Abs(histogram.Edges[^1] - 1) > 1e-12)
        {
            return null;
        }

        var per = count / bins;
        var counts = new long[bins];
        for (var i = 0; i < count; i++)
        {
            counts[i / per] += histogram.Counts[i];
        }

        return counts.Sum() == 0 ? null : Divergence.ToProportions(counts);
    }
}
