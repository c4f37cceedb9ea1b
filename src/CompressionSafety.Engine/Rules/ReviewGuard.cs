using CompressionSafety.Contracts;
using CompressionSafety.Engine.State;
using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.Rules;

/// <summary>
/// The runtime guard: while an incident fires on a key, that key's uncertain events (low confidence) and events that
/// disagree with their shadow are routed to human review, rate-limited per key and minute of event time.
/// </summary>
public sealed class ReviewGuard(Func<WindowKey, bool> isFiring, ReviewGuardOptions options)
{
    private readonly Dictionary<WindowKey, (long Minute, int Count)> _budget = [];

    // The evaluator when isFiring is its IsFiring, whose AnyFiring then answers for every key at once.
    private readonly RuleEvaluator? _evaluator =
        isFiring?.Target is RuleEvaluator evaluator && isFiring.Method.Name == nameof(RuleEvaluator.IsFiring) ? evaluator : null;

    /// <summary>Events routed.</summary>
    public long Routed { get; private set; }

    /// <summary>Events that qualified but exceeded the rate limit.</summary>
    public long RateLimited { get; private set; }

    /// <summary>The review item for <paramref name="record"/>, or null when it is not routed.</summary>
    public ReviewItem? Check(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(isFiring);
        var key = FiringKey(record);
        if (key is null)
        {
            return null;
        }

        double? confidence = record.Prediction.Probabilities is { Count: > 0 } p ? p.Values.Max() : null;
        string? reason = confidence < options.LowConfidenceThreshold ? "low_confidence"
            : record.Shadow is { } shadow && !string.Equals(shadow.Label, record.Prediction.Label, StringComparison.Ordinal) ? "shadow_disagreement"
            : null;
        if (reason is null)
        {
            return null;
        }

        var minute = record.Timestamp.ToUnixTimeSeconds() / 60;
        var (current, count) = _budget.GetValueOrDefault(key);
        if (current != minute)
        {
            count = 0;
        }

        if (count >= options.MaxPerKeyPerMinute)
        {
            RateLimited++;
            return null;
        }

        _budget[key] = (minute, count + 1);
        Routed++;
        return new ReviewItem(record, key, reason, confidence);
    }

    internal void WriteState(StateWriter writer)
    {
        writer.Write(Routed);
        writer.Write(RateLimited);
        writer.WriteEach(_budget, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.Write(pair.Value.Minute);
            w.Write(pair.Value.Count);
        });
    }

    internal void ReadState(StateReader reader)
    {
        Routed = reader.ReadInt64();
        RateLimited = reader.ReadInt64();
        _budget.Clear();
        reader.ReadEach(r => _budget.Add(r.ReadKey(), (r.ReadInt64(), r.ReadInt32())));
    }

    private WindowKey? FiringKey(PredictionRecord record)
    {
        // Nothing fires most of the time: then no key need be built for the record (the rule evaluator's own predicate).
        if (_evaluator is { AnyFiring: false })
        {
            return null;
        }

        foreach (var (attribute, value) in record.Segment)
        {
            var key = new WindowKey(record.Model, record.Variant, attribute + "=" + value);
            if (isFiring(key))
            {
                return key;
            }
        }

        var all = new WindowKey(record.Model, record.Variant, WindowKey.AllSlice);
        return isFiring(all) ? all : null;
    }
}
