using System.Globalization;
using CompressionSafety.Contracts;

namespace CompressionSafety.Simulation;

/// <summary>
/// Generates a deterministic synthetic inference-log stream: predictions of a baseline and its compressed variants,
/// delayed labels, and the dirt a real stream carries (invalid lines, duplicates, late and slightly out-of-order records).
/// </summary>
public static class StreamGenerator
{
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// The stream's lines in delivery order. Lazy and streaming: only lines not yet due (jittered records, duplicates,
    /// delayed labels) are buffered, so memory depends on the arrival rate and the longest delay, not on the record count.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range (checked before the first line).</exception>
    public static IEnumerable<GeneratedLine> Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Iterate(options);
    }

    private static IEnumerable<GeneratedLine> Iterate(GeneratorOptions options)
    {
        var rng = new Rng(options.Seed);
        var factory = new EventFactory(options, rng);
        var pending = new PriorityQueue<GeneratedLine, (long Due, long Sequence)>();
        long sequence = 0;
        var meanGapTicks = options.Records == 0 ? 0 : options.Duration.Ticks / (double)options.Records;
        var lastTicks = options.Start.UtcTicks + options.Duration.Ticks - TicksPerMs;
        double clock = options.Start.UtcTicks;
        var invalidCount = 0;

        for (long i = 0; i < options.Records; i++)
        {
            // Exponential gaps make Poisson arrivals; the clamp keeps the rare overshoot inside the period.
            clock += rng.Exponential(meanGapTicks);
            var ticks = Math.Min((long)clock, lastTicks);
            ticks -= ticks % TicksPerMs;
            var time = new DateTimeOffset(ticks, TimeSpan.Zero);
            while (pending.TryPeek(out _, out var key) && key.Due <= ticks)
            {
                yield return pending.Dequeue();
            }

            var eventId = string.Create(CultureInfo.InvariantCulture, $"e-{i + 1:D9}");
            var slot = rng.Uniform();
            if (slot < options.InvalidRate)
            {
                var kind = (InvalidLineKind)(invalidCount++ % InvalidLines.KindCount);
                var valid = RecordWriter.ToJsonBytes(factory.Create(eventId, time, false).Record);
                Enqueue(new GeneratedLine(InvalidLines.Create(kind, valid), GeneratedLineKind.Invalid, time, false), ticks);
                continue;
            }

            if (slot < options.InvalidRate + options.LateRate)
            {
                // Older than any plausible window plus grace, so the monitor must count it as late.
                var lateness = options.Grace + TimeSpan.FromMinutes(rng.Uniform(60, 180));
                var lateTime = new DateTimeOffset(ticks - (lateness.Ticks - (lateness.Ticks % TicksPerMs)), TimeSpan.Zero);
                var late = RecordWriter.ToJsonBytes(factory.Create(eventId, lateTime, false).Record);
                Enqueue(new GeneratedLine(late, GeneratedLineKind.Late, lateTime, false), ticks);
                continue;
            }

            var labelDraw = rng.Uniform();
            var inlineLabel = labelDraw < options.InlineLabelRate;
            var delayedLabel = !inlineLabel && labelDraw < options.InlineLabelRate + options.DelayedLabelRate;
            var generated = factory.Create(eventId, time, inlineLabel);
            var bytes = RecordWriter.ToJsonBytes(generated.Record);
            var due = ticks + (long)rng.Exponential(options.MeanJitter.Ticks);
            Enqueue(new GeneratedLine(bytes, GeneratedLineKind.Prediction, time, false), due);
            if (rng.Bernoulli(options.DuplicateRate))
            {
                var again = due + TimeSpan.FromSeconds(rng.Uniform(1, 30)).Ticks;
                Enqueue(new GeneratedLine(bytes, GeneratedLineKind.Duplicate, time, false), again);
            }

            if (delayedLabel)
            {
                var delay = (long)rng.Uniform(options.MinLabelDelay.Ticks, options.MaxLabelDelay.Ticks);
                var labelTicks = ticks + delay - (delay % TicksPerMs);
                var labelTime = new DateTimeOffset(labelTicks, TimeSpan.Zero);
                var label = new LabelRecord(eventId, labelTime, generated.TrueLabel, "human-review");
                Enqueue(new GeneratedLine(RecordWriter.ToJsonBytes(label), GeneratedLineKind.Label, labelTime, options.SeparateLabels), labelTicks);
            }
        }

        while (pending.Count > 0)
        {
            yield return pending.Dequeue();
        }

        void Enqueue(GeneratedLine line, long dueTicks) => pending.Enqueue(line, (dueTicks, sequence++));
    }
}
