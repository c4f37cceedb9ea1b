using CompressionSafety.Statistics.State;
using CompressionSafety.Statistics;

namespace CompressionSafety.Engine.Windows;

/// <summary>
/// Traffic statistics of one key in one window, in fixed memory: counters, fixed-bin histograms (probability, latency), and KLL sketches
/// for latency and input features; never a list of samples.
/// </summary>
internal sealed class TrafficAccumulator : IStateful
{
    /// <summary>The name under which input.length is tracked among the input distributions.</summary>
    public const string LengthInput = "\0length";

    private readonly EngineOptions _options;
    private readonly string _positiveLabel;

    public TrafficAccumulator(EngineOptions options, string positiveLabel)
    {
        _options = options;
        _positiveLabel = positiveLabel;
        Categories = new BoundedCounter(options.MaxCategories);
        Labels = new BoundedCounter(options.MaxCategories);
        PositiveHistogram = new long[options.ProbabilityBins];
    }

    public long Count { get; private set; }
    public long FlaggedKnown { get; private set; }
    public long Flagged { get; private set; }
    public long RefusedKnown { get; private set; }
    public long Refused { get; private set; }
    public long SafetyKnown { get; private set; }

    /// <summary>Records that report both refused and flagged: the sample of the harmful-compliance rate.</summary>
    public long ComplianceKnown { get; private set; }

    /// <summary>Records answered (refused = false) and flagged.</summary>
    public long HarmfulCompliance { get; private set; }

    /// <summary>Records with prompt_flagged = true that report refused.</summary>
    public long HarmfulRequests { get; private set; }
    public long HarmfulRefused { get; private set; }

    /// <summary>Records with prompt_flagged = false that report refused.</summary>
    public long BenignRequests { get; private set; }
    public long BenignRefused { get; private set; }
    public BoundedCounter Categories { get; }
    public BoundedCounter Labels { get; }
    public long ProbabilityCount { get; private set; }
    public double PositiveSum { get; private set; }
    public long[] PositiveHistogram { get; }
    public double EntropySum { get; private set; }
    public long LowConfidence { get; private set; }
    public KllSketch Latency { get; } = new(seed: 1);

    /// <summary>Latency counts on <see cref="LogBinning.Latency"/>, so a report can pool windows into exact bin totals.</summary>
    public long[] LatencyHistogram { get; } = new long[LogBinning.Latency.Bins];
    public double LatencySum { get; private set; }
    public long ShadowCount { get; private set; }
    public long Flips { get; private set; }
    public double LengthSum { get; private set; }
    public long LengthCount { get; private set; }

    /// <summary>Input distributions of this window: input.length under <see cref="LengthInput"/>, then features by name.</summary>
    public Dictionary<string, KllSketch> Inputs { get; } = new(StringComparer.Ordinal);

    public EventTimeRange Times { get; } = new();

    public void Add(in RecordFacts facts)
    {
        var record = facts.Record;
        Count++;
        Times.Add(record.Timestamp.UtcTicks);
        if (record.Safety is { } safety)
        {
            SafetyKnown++;
            if (safety.Flagged is { } flagged)
            {
                FlaggedKnown++;
                Flagged += flagged ? 1 : 0;
            }

            if (safety.Refused is { } refused)
            {
                RefusedKnown++;
                Refused += refused ? 1 : 0;
                if (safety.Flagged is { } answeredFlagged)
                {
                    ComplianceKnown++;
                    HarmfulCompliance += !refused && answeredFlagged ? 1 : 0;
                }

                if (safety.PromptFlagged == true)
                {
                    HarmfulRequests++;
                    HarmfulRefused += refused ? 1 : 0;
                }
                else if (safety.PromptFlagged == false)
                {
                    BenignRequests++;
                    BenignRefused += refused ? 1 : 0;
                }
            }

            // Each distinct category once, in first-seen order (the counter keeps the first names under its cap).
            var categories = safety.Categories;
            for (var i = 0; i < categories.Count; i++)
            {
                if (!SeenBefore(categories, i))
                {
                    Categories.Increment(categories[i]);
                }
            }
        }

        Labels.Increment(record.Prediction.Label);
        if (facts.HasProbabilities)
        {
            ProbabilityCount++;
            PositiveSum += facts.Positive;
            PositiveHistogram[facts.PositiveBin]++;
            EntropySum += facts.Entropy;
            LowConfidence += facts.LowConfidence ? 1 : 0;
        }

        if (record.LatencyMs is { } latency)
        {
            Latency.Add(latency);
            LatencyHistogram[facts.LatencyBin]++;
            LatencySum += latency;
        }

        if (record.Shadow is not null)
        {
            ShadowCount++;
            Flips += facts.Flip ? 1 : 0;
        }

        if (record.Input is { } input)
        {
            if (input.Length is { } length)
            {
                LengthSum += length;
                LengthCount++;
                InputSketch(LengthInput).Add(length);
            }

            if (facts.Features is { } features)
            {
                for (var i = 0; i < features.Count; i++)
                {
                    var (name, value) = features[i];
                    FeatureSketch(i, name).Add(value);
                }
            }
        }
    }

    private static bool SeenBefore(IReadOnlyList<string> values, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(values[j], values[index], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equal-width bin of a probability in [0, 1]: [k/B, (k+1)/B), the last bin closed so 1 falls in it.</summary>
    public static int ProbabilityBin(double probability, int bins) =>
        Math.Clamp((int)Math.Floor(probability * bins), 0, bins - 1);

    public void WriteMetrics(MetricWriter metrics)
    {
        metrics.Set("count", Count);
        metrics.Rate("flagged_rate", Flagged, FlaggedKnown);
        metrics.Set("flagged_count", FlaggedKnown);
        metrics.Rate("refused_rate", Refused, RefusedKnown);
        metrics.Set("refused_count", RefusedKnown);
        metrics.Rate("harmful_compliance_rate", HarmfulCompliance, ComplianceKnown);
        metrics.Set("compliance_count", ComplianceKnown);
        if (HarmfulRequests + BenignRequests > 0)
        {
            metrics.Rate("harmful_refusal_rate", HarmfulRefused, HarmfulRequests);
            metrics.Set("harmful_request_count", HarmfulRequests);
            metrics.Rate("benign_refusal_rate", BenignRefused, BenignRequests);
            metrics.Set("benign_request_count", BenignRequests);
        }
        foreach (var (category, count) in Categories.Counts)
        {
            metrics.Rate("category_rate." + category, count, SafetyKnown);
        }

        foreach (var (label, count) in Labels.Counts)
        {
            metrics.Set("label_share." + label, (double)count / Count);
        }

        metrics.Set("probability_count", ProbabilityCount);
        if (ProbabilityCount > 0)
        {
            metrics.Set("positive_probability_mean", PositiveSum / ProbabilityCount);
            metrics.Set("entropy_mean", EntropySum / ProbabilityCount);
            metrics.Rate("low_confidence_rate", LowConfidence, ProbabilityCount);
        }

        metrics.Set("latency_count", Latency.Count);
        if (Latency.Count > 0)
        {
            metrics.Set("latency_mean_ms", LatencySum / Latency.Count);
            Span<double> latency = stackalloc double[3];
            Latency.Quantiles([0.50, 0.95, 0.99], latency);
            metrics.Set("latency_p50_ms", latency[0]);
            metrics.Set("latency_p95_ms", latency[1]);
            metrics.Set("latency_p99_ms", latency[2]);
        }

        metrics.Set("shadow_count", ShadowCount);
        metrics.Rate("flip_rate", Flips, ShadowCount);
        if (LengthCount > 0)
        {
            metrics.Set("input_length_mean", LengthSum / LengthCount);
        }
    }

    public void WriteState(StateWriter writer)
    {
        writer.Write(Count);
        writer.Write(FlaggedKnown);
        writer.Write(Flagged);
        writer.Write(RefusedKnown);
        writer.Write(Refused);
        writer.Write(SafetyKnown);
        writer.Write(ComplianceKnown);
        writer.Write(HarmfulCompliance);
        writer.Write(HarmfulRequests);
        writer.Write(HarmfulRefused);
        writer.Write(BenignRequests);
        writer.Write(BenignRefused);
        Categories.WriteState(writer);
        Labels.WriteState(writer);
        writer.Write(ProbabilityCount);
        writer.Write(PositiveSum);
        writer.Write(PositiveHistogram);
        writer.Write(EntropySum);
        writer.Write(LowConfidence);
        Latency.WriteState(writer);
        writer.Write(LatencyHistogram);
        writer.Write(LatencySum);
        writer.Write(ShadowCount);
        writer.Write(Flips);
        writer.Write(LengthSum);
        writer.Write(LengthCount);
        writer.WriteEach(Inputs, static (w, pair) =>
        {
            w.Write(pair.Key);
            pair.Value.WriteState(w);
        });
        Times.WriteState(writer);
    }

    public void ReadState(StateReader reader)
    {
        Count = reader.ReadInt64();
        FlaggedKnown = reader.ReadInt64();
        Flagged = reader.ReadInt64();
        RefusedKnown = reader.ReadInt64();
        Refused = reader.ReadInt64();
        SafetyKnown = reader.ReadInt64();
        ComplianceKnown = reader.ReadInt64();
        HarmfulCompliance = reader.ReadInt64();
        HarmfulRequests = reader.ReadInt64();
        HarmfulRefused = reader.ReadInt64();
        BenignRequests = reader.ReadInt64();
        BenignRefused = reader.ReadInt64();
        Categories.ReadState(reader);
        Labels.ReadState(reader);
        ProbabilityCount = reader.ReadInt64();
        PositiveSum = reader.ReadDouble();
        reader.ReadInto(PositiveHistogram);
        EntropySum = reader.ReadDouble();
        LowConfidence = reader.ReadInt64();
        Latency.ReadState(reader);
        reader.ReadInto(LatencyHistogram);
        LatencySum = reader.ReadDouble();
        ShadowCount = reader.ReadInt64();
        Flips = reader.ReadInt64();
        LengthSum = reader.ReadDouble();
        LengthCount = reader.ReadInt64();
        Inputs.Clear();
        Array.Clear(_byPosition);
        reader.ReadEach(r => InputSketch(r.ReadString()).ReadState(r));
        Times.ReadState(reader);
    }

    /// <summary>
    /// The sketch of the record's <paramref name="position"/>-th tracked feature: records of a stream list the same
    /// features in the same order with the parser's pooled names, so the last sketch at that position is checked by
    /// reference before the dictionary is asked.
    /// </summary>
    private KllSketch FeatureSketch(int position, string name)
    {
        if (position < _byPosition.Length && _byPosition[position] is var (known, sketch) && ReferenceEquals(known, name))
        {
            return sketch;
        }

        sketch = InputSketch(name);
        if (position < _byPosition.Length)
        {
            _byPosition[position] = (name, sketch);
        }

        return sketch;
    }

    // A few positions are enough: past them the dictionary answers.
    private readonly (string? Name, KllSketch Sketch)[] _byPosition = new (string?, KllSketch)[8];

    private KllSketch InputSketch(string name)
    {
        if (!Inputs.TryGetValue(name, out var sketch))
        {
            sketch = new KllSketch(seed: 2);
            Inputs.Add(name, sketch);
        }

        return sketch;
    }
}
