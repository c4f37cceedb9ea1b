using System.Text.Json;

namespace CompressionSafety.Reports;

/// <summary>
/// Calibration bins as the engine writes them (<c>histograms.reliability</c>, docs/outputs.md): sums, not means, so
/// bins of many windows add up exactly.
/// </summary>
internal sealed record ReliabilityBins(double[] Edges, long[] Counts, double[] ProbabilitySums, long[] Positives)
{
    public static ReliabilityBins Parse(JsonElement histogram)
    {
        var edges = histogram.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var counts = histogram.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var sums = histogram.GetProperty("probability_sums").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var positives = histogram.GetProperty("positives").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        if (edges.Length != counts.Length + 1 || sums.Length != counts.Length || positives.Length != counts.Length)
        {
            throw new InvalidDataException(
                $"histograms.reliability needs one more edge than bins and one sum and positive count per bin ({edges.Length} edges, {counts.Length} counts, {sums.Length} sums, {positives.Length} positives).");
        }

        return new ReliabilityBins(edges, counts, sums, positives);
    }

    /// <summary>Whether <paramref name="other"/> has the same bins, so the two can be added.</summary>
    public bool SameEdges(ReliabilityBins other) => Edges.AsSpan().SequenceEqual(other.Edges);
}
