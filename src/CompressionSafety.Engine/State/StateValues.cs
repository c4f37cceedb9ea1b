using CompressionSafety.Engine.Windows;
using CompressionSafety.Statistics.State;

namespace CompressionSafety.Engine.State;

/// <summary>How the engine's shared value types are written in a snapshot: keys, times, window results.</summary>
internal static class StateValues
{
    public static void Write(this StateWriter writer, WindowKey key)
    {
        writer.Write(key.Model);
        writer.Write(key.Variant);
        writer.Write(key.Slice);
    }

    public static WindowKey ReadKey(this StateReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadString());

    public static void Write(this StateWriter writer, DateTimeOffset time) => writer.Write(time.UtcTicks);

    public static DateTimeOffset ReadTime(this StateReader reader) => new(reader.ReadInt64(), TimeSpan.Zero);

    public static void WriteNullable(this StateWriter writer, DateTimeOffset? time) => writer.WriteNullable(time?.UtcTicks);

    public static DateTimeOffset? ReadNullableTime(this StateReader reader) =>
        reader.ReadNullableInt64() is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public static void Write(this StateWriter writer, IReadOnlyDictionary<string, double> values) =>
        writer.WriteEach(values, static (w, pair) =>
        {
            w.Write(pair.Key);
            w.Write(pair.Value);
        });

    /// <summary>Metric values as <see cref="MetricWriter"/> holds them: sorted by ordinal name, so they are written out in the same order.</summary>
    public static SortedDictionary<string, double> ReadValues(this StateReader reader)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        reader.ReadEach(r => values[r.ReadString()] = r.ReadDouble());
        return values;
    }

    public static void Write(this StateWriter writer, WindowResult result)
    {
        writer.Write(result.Key);
        writer.Write((int)result.Kind);
        writer.Write(result.WindowStart);
        writer.Write(result.WindowEnd);
        writer.Write(result.Count);
        writer.WriteNullable(result.FirstEventTime);
        writer.WriteNullable(result.LastEventTime);
        writer.Write(result.Metrics);
        writer.WriteEach(result.References, static (w, reference) =>
        {
            w.Write(reference.Reference);
            w.Write(reference.Values);
        });
        writer.WriteEach(result.Histograms, static (w, pair) =>
        {
            w.Write(pair.Key);
            var histogram = pair.Value;
            w.Write(histogram.Edges);
            w.Write(histogram.Counts);
            w.Write(histogram.ProbabilitySums is not null);
            if (histogram.ProbabilitySums is { } sums)
            {
                w.Write(sums);
            }

            w.Write(histogram.Positives is not null);
            if (histogram.Positives is { } positives)
            {
                w.Write(positives);
            }

            w.Write(histogram.Binning is not null);
            if (histogram.Binning is { } binning)
            {
                w.Write(binning.FirstEdge);
                w.Write(binning.BinsPerDoubling);
                w.Write(binning.Bins);
            }
        });
    }

    public static WindowResult ReadResult(this StateReader reader)
    {
        var key = reader.ReadKey();
        var kind = (WindowKind)reader.ReadInt32();
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"Unknown window kind {(int)kind}.");
        }

        var start = reader.ReadTime();
        var end = reader.ReadTime();
        var count = reader.ReadInt64();
        var first = reader.ReadNullableTime();
        var last = reader.ReadNullableTime();
        var metrics = reader.ReadValues();
        var references = new List<ReferenceComparison>();
        reader.ReadEach(r => references.Add(new ReferenceComparison(r.ReadString(), r.ReadValues())));
        var histograms = new Dictionary<string, Histogram>(StringComparer.Ordinal);
        reader.ReadEach(r =>
        {
            var name = r.ReadString();
            var edges = r.ReadDoubles();
            var counts = r.ReadInt64s();
            var sums = r.ReadBoolean() ? r.ReadDoubles() : null;
            var positives = r.ReadBoolean() ? r.ReadInt64s() : null;
            var binning = r.ReadBoolean() ? ReadBinning(r) : null;
            histograms[name] = new Histogram(edges, counts) { ProbabilitySums = sums, Positives = positives, Binning = binning };
        });
        return new WindowResult(key, kind, start, end, count, metrics, references, histograms)
        {
            FirstEventTime = first,
            LastEventTime = last,
        };
    }

    private static LogBinning ReadBinning(StateReader reader)
    {
        var binning = new LogBinning(reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32());
        // The one binning in use is a shared instance with its edges cached; keep it shared.
        return binning.Equals(LogBinning.Latency) ? LogBinning.Latency : binning;
    }
}
