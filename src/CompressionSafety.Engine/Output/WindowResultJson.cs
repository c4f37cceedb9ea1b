using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Engine.Output;

/// <summary>
/// Writes a window result as one JSON object (one line of <c>windows.jsonl</c>):
/// <c>model</c>, <c>variant</c>, <c>slice</c>, <c>kind</c>, <c>window_start</c>, <c>window_end</c>, <c>count</c>,
/// <c>first_event_time</c> and <c>last_event_time</c> (when the result counted a record),
/// <c>metrics</c> {name: value}, <c>reference</c> {reference name: {name: value}}, <c>histograms</c> {name: {edges, counts}} (the labels phase's <c>reliability</c> adds <c>probability_sums</c> and
/// <c>positives</c>; the traffic phase's <c>latency_ms</c> is written sparse: {first_edge, bins_per_doubling, bins,
/// counts {bin index: count}}).
/// Keys are written in a fixed order so the same input gives the same bytes.
/// </summary>
public static class WindowResultJson
{
    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, WindowResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("model", result.Key.Model);
        writer.WriteString("variant", result.Key.Variant);
        writer.WriteString("slice", result.Key.Slice);
        writer.WriteString("kind", result.Kind == WindowKind.Traffic ? "traffic" : "labels");
        writer.WriteString("window_start", result.WindowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("window_end", result.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteNumber("count", result.Count);
        if (result.FirstEventTime is { } first && result.LastEventTime is { } last)
        {
            writer.WriteString("first_event_time", first.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("last_event_time", last.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WritePropertyName("metrics");
        WriteValues(writer, result.Metrics);
        writer.WritePropertyName("reference");
        writer.WriteStartObject();
        foreach (var comparison in result.References)
        {
            writer.WritePropertyName(comparison.Reference);
            WriteValues(writer, comparison.Values);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("histograms");
        writer.WriteStartObject();
        foreach (var (name, histogram) in result.Histograms.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            writer.WriteStartObject();
            if (histogram.Binning is { } binning)
            {
                WriteSparse(writer, binning, histogram.Counts);
            }
            else
            {
                WriteDense(writer, histogram);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a log-binned histogram as its rule and its non-zero counts keyed by bin index, ascending: most of its
    /// bins are empty in any one window, and the edges follow from the rule (docs/outputs.md).
    /// </summary>
    private static void WriteSparse(Utf8JsonWriter writer, LogBinning binning, IReadOnlyList<long> counts)
    {
        writer.WriteNumber("first_edge", binning.FirstEdge);
        writer.WriteNumber("bins_per_doubling", binning.BinsPerDoubling);
        writer.WriteNumber("bins", binning.Bins);
        writer.WritePropertyName("counts");
        writer.WriteStartObject();
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] != 0)
            {
                writer.WriteNumber(i.ToString(CultureInfo.InvariantCulture), counts[i]);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteDense(Utf8JsonWriter writer, Histogram histogram)
    {
        writer.WritePropertyName("edges");
        writer.WriteStartArray();
        foreach (var edge in histogram.Edges)
        {
            writer.WriteNumberValue(edge);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("counts");
        writer.WriteStartArray();
        foreach (var count in histogram.Counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        if (histogram.ProbabilitySums is { } sums)
        {
            writer.WritePropertyName("probability_sums");
            writer.WriteStartArray();
            foreach (var sum in sums)
            {
                writer.WriteNumberValue(sum);
            }

            writer.WriteEndArray();
        }

        if (histogram.Positives is { } positives)
        {
            writer.WritePropertyName("positives");
            writer.WriteStartArray();
            foreach (var positive in positives)
            {
                writer.WriteNumberValue(positive);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteValues(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> values)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in LineProtocol.Sorted(values))
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumber(name, value);
            }
        }

        writer.WriteEndObject();
    }
}
