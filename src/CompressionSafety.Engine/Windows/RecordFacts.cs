using CompressionSafety.Contracts;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// What a prediction adds to each of its slices' <see cref="TrafficAccumulator"/>s, computed once per record
/// rather than once per slice (entropy, bins, de-duplicated categories). Every slice of a record shares its model,
/// so its positive label and these values are the same for all of them.
/// </summary>
internal readonly ref struct RecordFacts
{
    public RecordFacts(PredictionRecord record, string positiveLabel, int probabilityBins, double lowConfidenceThreshold, List<KeyValuePair<string, double>>? features)
    {
        Record = record;
        Features = features;
        if (record.Prediction.Probabilities is { Count: > 0 } probabilities)
        {
            HasProbabilities = true;
            Positive = probabilities.GetValueOrDefault(positiveLabel);
            PositiveBin = TrafficAccumulator.ProbabilityBin(Positive, probabilityBins);
            var entropy = 0.0;
            var max = 0.0;
            foreach (var p in probabilities.Values)
            {
                if (p > 0)
                {
                    entropy -= p * Math.Log(p);
                }

                max = Math.Max(max, p);
            }

            Entropy = entropy;
            LowConfidence = max < lowConfidenceThreshold;
        }

        if (record.LatencyMs is { } latency)
        {
            LatencyBin = LogBinning.Latency.BinOf(latency);
        }

        if (record.Shadow is { } shadow)
        {
            Flip = !string.Equals(shadow.Label, record.Prediction.Label, StringComparison.Ordinal);
        }
    }

    public PredictionRecord Record { get; }

    public bool HasProbabilities { get; }

    /// <summary>The positive label's probability (0 when the record has probabilities but not that label).</summary>
    public double Positive { get; }

    public int PositiveBin { get; }

    public double Entropy { get; }

    public bool LowConfidence { get; }

    public int LatencyBin { get; }

    public bool Flip { get; }

    /// <summary>The record's tracked input features in its order, or null when it has none.</summary>
    public List<KeyValuePair<string, double>>? Features { get; }
}
