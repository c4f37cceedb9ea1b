using System.Text.Json;
using CompressionSafety.Engine.Metrics;

namespace CompressionSafety.Reports;

/// <summary>The parts of one <c>windows.jsonl</c> line the report uses.</summary>
internal sealed record WindowLine(
    string Model,
    string Variant,
    string Slice,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<string, double> Metrics,
    bool HasBaselineReference)
{
    public static WindowLine Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var kind = root.GetProperty("kind").GetString();
            if (kind is not ("traffic" or "labels"))
            {
                throw new InvalidDataException($"window kind '{kind}' is not one this version writes (traffic, labels): windows from another version?");
            }

            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("metrics").EnumerateObject())
            {
                // A name this version does not write means the file is another version's: reading on would show its
                // rates as missing (0 %) and let the variant pass.
                if (MetricCatalog.Find(property.Name) is null)
                {
                    throw new InvalidDataException($"metric '{property.Name}' is not one this version writes (docs/metrics.md): windows from another version?");
                }

                metrics[property.Name] = property.Value.GetDouble();
            }

            var baselineValues = default(JsonElement);
            var hasBaseline = root.TryGetProperty("reference", out var reference) && reference.TryGetProperty("baseline", out baselineValues);
            var baselineMetrics = new Dictionary<string, double>(StringComparer.Ordinal);
            if (hasBaseline)
            {
                foreach (var property in baselineValues.EnumerateObject())
                {
                    baselineMetrics[property.Name] = property.Value.GetDouble();
                }
            }

            return new WindowLine(
                root.GetProperty("model").GetString()!,
                root.GetProperty("variant").GetString()!,
                root.GetProperty("slice").GetString()!,
                kind,
                Format.ParseTime(root.GetProperty("window_start").GetString()!),
                Format.ParseTime(root.GetProperty("window_end").GetString()!),
                metrics,
                hasBaseline)
            {
                BaselineValues = baselineMetrics,
                Reliability = root.TryGetProperty("histograms", out var histograms) && histograms.TryGetProperty("reliability", out var bins)
                    ? ReliabilityBins.Parse(bins)
                    : null,
                Latency = histograms.ValueKind == JsonValueKind.Object && histograms.TryGetProperty("latency_ms", out var latency)
                    ? LatencyHistogram.Parse(latency)
                    : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("not a windows.jsonl line: " + ex.Message, ex);
        }
    }

    /// <summary>The window's comparison with the baseline (<c>reference.baseline</c>), empty for a baseline window.</summary>
    public IReadOnlyDictionary<string, double> BaselineValues { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The calibration bins of a labelled window (<c>histograms.reliability</c>), or null when absent.</summary>
    public ReliabilityBins? Reliability { get; init; }

    /// <summary>The latency counts of a traffic window (<c>histograms.latency_ms</c>), or null when absent (files written before it).</summary>
    public LatencyHistogram? Latency { get; init; }

    public double Metric(string name) => Metrics.GetValueOrDefault(name, double.NaN);

    /// <summary>The pooled rates with the window kind they come from and the count metric that is their denominator (docs/metrics.md).</summary>
    public static IReadOnlyDictionary<string, (string Kind, string Denominator)> Rates { get; } =
        new Dictionary<string, (string Kind, string Denominator)>(StringComparer.Ordinal)
        {
            ["flagged_rate"] = ("traffic", "flagged_count"),
            ["unsafe_miss_rate"] = ("labels", "positive_count"),
            ["false_flag_rate"] = ("labels", "negative_count"),
        };

    /// <summary>The rate's sample size in this window (<c>flagged_count</c> for <c>flagged_rate</c>).</summary>
    public long Trials(string rate) =>
        Rates.TryGetValue(rate, out var r) && r.Kind == Kind && Metrics.TryGetValue(r.Denominator, out var n) ? (long)n : 0;

    /// <summary>The window's count of events, recovered from its rate and sample size (rounded, as it was a ratio of integers).</summary>
    public long Successes(string rate) =>
        Metrics.TryGetValue(rate, out var r) ? (long)Math.Round(r * Trials(rate)) : 0;
}
