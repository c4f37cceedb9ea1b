namespace CompressionSafety.Statistics;

/// <summary>Calibration statistics over arrays of probabilities and labels.</summary>
public static class Calibration
{
    /// <summary>The clipping bound of <c>sklearn.metrics.log_loss</c>.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>
    /// ECE from per-bin sums: sum over non-empty bins of n_b / N times |positives_b / n_b - probability sum_b / n_b|; NaN
    /// when every bin is empty. Bin sums add up exactly across windows, so this is also the ECE of pooled bins.
    /// </summary>
    /// <param name="counts">Predictions per bin.</param>
    /// <param name="probabilitySums">Sum of the predicted probabilities per bin.</param>
    /// <param name="positives">Positive labels per bin.</param>
    /// <returns>The expected calibration error.</returns>
    public static double ExpectedCalibrationError(ReadOnlySpan<long> counts, ReadOnlySpan<double> probabilitySums, ReadOnlySpan<double> positives)
    {
        if (probabilitySums.Length != counts.Length || positives.Length != counts.Length)
        {
            throw new ArgumentException($"Need the same number of bins in each sum ({counts.Length}, {probabilitySums.Length}, {positives.Length}).");
        }

        long total = 0;
        foreach (var n in counts)
        {
            total += n;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var b = 0; b < counts.Length; b++)
        {
            if (counts[b] > 0)
            {
                sum += (double)counts[b] / total * Math.Abs((positives[b] / counts[b]) - (probabilitySums[b] / counts[b]));
            }
        }

        return sum;
    }

    /// <summary>
    /// ECE, MCE and reliability bins (see <see cref="CalibrationAccumulator"/> for the binning), ACE, Brier score and
    /// log loss.
    /// </summary>
    /// <param name="probabilities">Predicted probabilities of the positive class, each in [0, 1].</param>
    /// <param name="labels">Whether each label is positive.</param>
    /// <param name="bins">Number of bins B for both the equal-width and the equal-mass binning.</param>
    /// <returns>The statistics.</returns>
    public static CalibrationResult Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins = CalibrationAccumulator.DefaultBins)
    {
        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException($"Need one label per probability ({probabilities.Length} vs {labels.Length}).");
        }

        if (probabilities.IsEmpty)
        {
            throw new ArgumentException("At least one prediction is needed.", nameof(probabilities));
        }

        var accumulator = new CalibrationAccumulator(bins);
        for (var i = 0; i < probabilities.Length; i++)
        {
            accumulator.Add(probabilities[i], labels[i]);
        }

        return new CalibrationResult(
            accumulator.Count,
            accumulator.Ece,
            accumulator.Mce,
            AdaptiveCalibrationError(probabilities, labels, bins),
            accumulator.Brier,
            LogLoss(probabilities, labels),
            accumulator.Bins);
    }

    /// <summary>
    /// Adaptive calibration error: predictions sorted by probability (stable, so ties keep their input order) and
    /// split into B groups as <c>numpy.array_split</c> does (the first n mod B groups one larger); then
    /// sum over non-empty groups of n_g / N * |fraction positive - mean probability|.
    /// </summary>
    /// <param name="probabilities">Predicted probabilities of the positive class.</param>
    /// <param name="labels">Whether each label is positive.</param>
    /// <param name="bins">Number of groups B.</param>
    /// <returns>The ACE.</returns>
    public static double AdaptiveCalibrationError(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var n = probabilities.Length;
        // Sorting (probability, index) pairs makes the order stable without a stable sort.
        var pairs = new (double P, int I)[n];
        for (var i = 0; i < n; i++)
        {
            pairs[i] = (probabilities[i], i);
        }

        Array.Sort(pairs);
        var baseSize = n / bins;
        var extra = n % bins;
        var start = 0;
        var ace = 0.0;
        for (var g = 0; g < bins; g++)
        {
            var size = baseSize + (g < extra ? 1 : 0);
            if (size == 0)
            {
                continue;
            }

            double sumP = 0, sumY = 0;
            for (var k = start; k < start + size; k++)
            {
                sumP += pairs[k].P;
                sumY += labels[pairs[k].I] ? 1.0 : 0.0;
            }

            ace += (double)size / n * Math.Abs((sumY / size) - (sumP / size));
            start += size;
        }

        return ace;
    }

    /// <summary>
    /// Binary log loss as <c>sklearn.metrics.log_loss</c>: probabilities clipped to [1e-15, 1 - 1e-15], the pair
    /// (1 - p, p) renormalised, natural log, averaged.
    /// </summary>
    /// <param name="probabilities">Predicted probabilities of the positive class.</param>
    /// <param name="labels">Whether each label is positive.</param>
    /// <returns>The mean negative log-likelihood.</returns>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        var sum = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            var q = 1 - p;
            var total = q + p;
            sum -= Math.Log(labels[i] ? p / total : q / total);
        }

        return sum / probabilities.Length;
    }
}
