using CompressionSafety.Statistics;

namespace CompressionSafety.Evaluation.Running;

/// <summary>Counters for one (variant, slice): fixed memory, one <see cref="Add"/> per case.</summary>
internal sealed class SliceAccumulator(string slice, int labels, int safetyPositive, int histogramBins)
{
    private readonly CalibrationAccumulator _calibration = new();
    private readonly long[] _predicted = new long[labels];
    private readonly long[] _histogram = new long[histogramBins];
    private long _cases, _correct, _positives, _misses, _negatives, _falseFlags, _flips, _b, _c;
    private double _entropy;

    public void Add(int expected, int predicted, int baselinePredicted, ReadOnlySpan<float> probabilities)
    {
        _cases++;
        _predicted[predicted]++;
        var right = predicted == expected;
        var baselineRight = baselinePredicted == expected;
        _correct += right ? 1 : 0;
        _flips += predicted != baselinePredicted ? 1 : 0;
        _b += baselineRight && !right ? 1 : 0;
        _c += right && !baselineRight ? 1 : 0;
        if (expected == safetyPositive)
        {
            _positives++;
            _misses += predicted != safetyPositive ? 1 : 0;
        }
        else
        {
            _negatives++;
            _falseFlags += predicted == safetyPositive ? 1 : 0;
        }

        double score = Math.Clamp(probabilities[safetyPositive], 0f, 1f);
        _calibration.Add(score, expected == safetyPositive);
        _histogram[Math.Min(_histogram.Length - 1, (int)(score * _histogram.Length))]++;
        foreach (var p in probabilities)
        {
            // 0 * log 0 is taken as 0, the usual convention (scipy.stats.entropy does the same).
            _entropy -= p > 0 ? p * Math.Log(p) : 0.0;
        }
    }

    public SliceMetrics ToMetrics() => new(
        slice,
        _cases,
        _correct,
        Rate(_correct, _cases),
        _positives,
        _misses,
        Rate(_misses, _positives),
        _negatives,
        _falseFlags,
        Rate(_falseFlags, _negatives),
        _cases == 0 ? null : _calibration.Ece,
        _cases == 0 ? null : _calibration.Brier,
        _cases == 0 ? null : _entropy / _cases,
        _flips,
        Rate(_flips, _cases),
        _b,
        _c,
        McNemar.Test(_b, _c).PValueExact,
        _predicted,
        _histogram);

    private static double? Rate(long count, long total) => total == 0 ? null : (double)count / total;
}
