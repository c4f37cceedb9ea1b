using CompressionSafety.Statistics.State;

namespace CompressionSafety.Statistics;

/// <summary>
/// Streaming calibration statistics of a binary probability against its label, in fixed memory (one counter
/// triple per bin). Bins are B equal-width bins over [0, 1] assigned exactly as scikit-learn's
/// <c>calibration_curve(strategy='uniform')</c>: edges <c>numpy.linspace(0, 1, B + 1)</c>, a probability p goes to
/// bin <c>searchsorted(edges[1:-1], p, side='left')</c>, i.e. bin (lo, hi] with 0 in the first bin.
/// </summary>
public sealed class CalibrationAccumulator : IStateful
{
    /// <summary>The number of bins used unless told otherwise.</summary>
    public const int DefaultBins = 15;

    private readonly double[] _innerEdges;
    private readonly long[] _counts;
    private readonly double[] _sumProbability;
    private readonly double[] _sumPositive;
    private double _sumSquaredError;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="bins">Number of equal-width bins (at least 1).</param>
    public CalibrationAccumulator(int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        _innerEdges = UniformBinning.InnerEdges(bins);
        _counts = new long[bins];
        _sumProbability = new double[bins];
        _sumPositive = new double[bins];
    }

    /// <summary>Number of bins.</summary>
    public int BinCount => _counts.Length;

    /// <summary>Number of predictions added.</summary>
    public long Count { get; private set; }

    /// <summary>
    /// Expected calibration error: sum over non-empty bins of n_b / N * |fraction positive - mean probability|;
    /// NaN when empty.
    /// </summary>
    public double Ece => Calibration.ExpectedCalibrationError(_counts, _sumProbability, _sumPositive);

    /// <summary>Maximum calibration error: the largest |fraction positive - mean probability| over non-empty bins; NaN when empty.</summary>
    public double Mce
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            var max = 0.0;
            for (var b = 0; b < _counts.Length; b++)
            {
                if (_counts[b] > 0)
                {
                    max = Math.Max(max, Gap(b));
                }
            }

            return max;
        }
    }

    /// <summary>Brier score: mean of (p - y)^2, as <c>sklearn.metrics.brier_score_loss</c>; NaN when empty.</summary>
    public double Brier => Count == 0 ? double.NaN : _sumSquaredError / Count;

    /// <summary>All B bins in order, empty ones included (with NaN means).</summary>
    public IReadOnlyList<ReliabilityBin> Bins
    {
        get
        {
            var n = _counts.Length;
            var result = new ReliabilityBin[n];
            for (var b = 0; b < n; b++)
            {
                var count = _counts[b];
                result[b] = new ReliabilityBin(
                    (double)b / n,
                    (double)(b + 1) / n,
                    count,
                    count > 0 ? _sumProbability[b] / count : double.NaN,
                    count > 0 ? _sumPositive[b] / count : double.NaN);
            }

            return result;
        }
    }

    /// <summary>
    /// The B + 1 bin edges 0, 1/B, ..., 1 with the arithmetic the binning uses (edge k is k * (1 / B)), so a reader
    /// that re-bins sees the same boundaries.
    /// </summary>
    public IReadOnlyList<double> Edges => [0.0, .. _innerEdges, 1.0];

    /// <summary>Predictions per bin, so bins of several accumulators (or windows) can be summed exactly.</summary>
    public IReadOnlyList<long> BinCounts => [.. _counts];

    /// <summary>Sum of the predicted probabilities per bin (mean probability = sum / count).</summary>
    public IReadOnlyList<double> BinProbabilitySums => [.. _sumProbability];

    /// <summary>Positive labels per bin (fraction positive = positives / count).</summary>
    public IReadOnlyList<long> BinPositives => [.. _sumPositive.Select(y => (long)y)];

    /// <summary>Adds one prediction.</summary>
    /// <param name="probability">Predicted probability of the positive class, in [0, 1].</param>
    /// <param name="positive">Whether the label is the positive class.</param>
    public void Add(double probability, bool positive)
    {
        if (!(probability >= 0.0 && probability <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie in [0, 1].");
        }

        var b = UniformBinning.BinOf(_innerEdges, probability);
        var y = positive ? 1.0 : 0.0;
        _counts[b]++;
        _sumProbability[b] += probability;
        _sumPositive[b] += y;
        var e = probability - y;
        _sumSquaredError += e * e;
        Count++;
    }

    /// <summary>Adds everything another accumulator with the same number of bins has seen.</summary>
    /// <param name="other">The accumulator to fold in; it is not changed.</param>
    public void Merge(CalibrationAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._counts.Length != _counts.Length)
        {
            throw new ArgumentException($"Cannot merge {other._counts.Length} bins into {_counts.Length}.", nameof(other));
        }

        for (var b = 0; b < _counts.Length; b++)
        {
            _counts[b] += other._counts[b];
            _sumProbability[b] += other._sumProbability[b];
            _sumPositive[b] += other._sumPositive[b];
        }

        _sumSquaredError += other._sumSquaredError;
        Count += other.Count;
    }

    /// <inheritdoc/>
    public void WriteState(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Count);
        writer.Write(_sumSquaredError);
        writer.Write(_counts);
        writer.Write(_sumProbability);
        writer.Write(_sumPositive);
    }

    /// <inheritdoc/>
    public void ReadState(StateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Count = reader.ReadInt64();
        _sumSquaredError = reader.ReadDouble();
        reader.ReadInto(_counts);
        reader.ReadInto(_sumProbability);
        reader.ReadInto(_sumPositive);
    }

    private double Gap(int b) => Math.Abs((_sumPositive[b] / _counts[b]) - (_sumProbability[b] / _counts[b]));
}
