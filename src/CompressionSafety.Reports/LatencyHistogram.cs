using System.Globalization;
using System.Text.Json;
using CompressionSafety.Engine.Windows;

namespace CompressionSafety.Reports;

/// <summary>
/// Latency counts on fixed log-spaced bins as the engine writes them (<c>histograms.latency_ms</c>, docs/outputs.md):
/// the same bins in every window, so the counts of a period add up exactly and its percentiles can be read from the sum.
/// </summary>
internal sealed record LatencyHistogram(LogBinning Binning, long[] Counts)
{
    public static LatencyHistogram Parse(JsonElement histogram)
    {
        var binning = new LogBinning(
            histogram.GetProperty("first_edge").GetDouble(),
            histogram.GetProperty("bins_per_doubling").GetInt32(),
            histogram.GetProperty("bins").GetInt32());
        if (!binning.IsValid || binning.Bins > 100_000)
        {
            throw new InvalidDataException(
                $"histograms.latency_ms needs first_edge > 0, bins_per_doubling > 0 and 3 to 100000 bins (got {binning.FirstEdge}, {binning.BinsPerDoubling}, {binning.Bins}).");
        }

        var counts = new long[binning.Bins];
        foreach (var property in histogram.GetProperty("counts").EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= counts.Length)
            {
                throw new InvalidDataException($"histograms.latency_ms.counts has bin index '{property.Name}' outside 0..{counts.Length - 1}.");
            }

            var count = property.Value.GetInt64();
            if (count < 0)
            {
                throw new InvalidDataException($"histograms.latency_ms.counts has a negative count at bin {index}.");
            }

            counts[index] = count;
        }

        return new LatencyHistogram(binning, counts);
    }

    /// <summary>The bin totals of <paramref name="histograms"/>, or null when there are none or their bins differ.</summary>
    public static LatencyHistogram? Pool(IReadOnlyList<LatencyHistogram> histograms)
    {
        if (histograms.Count == 0 || histograms.Any(h => !h.Binning.Equals(histograms[0].Binning)))
        {
            return null;
        }

        var counts = new long[histograms[0].Counts.Length];
        foreach (var histogram in histograms)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += histogram.Counts[i];
            }
        }

        return new LatencyHistogram(histograms[0].Binning, counts);
    }

    public long Total => Counts.Sum();

    /// <summary>
    /// The <paramref name="q"/> quantile: the bin holding the value of rank ⌈q·n⌉ (the nearest-rank definition), and
    /// inside it the fraction of that bin's count below the rank, read on a log scale (geometric interpolation), so the
    /// result is off by less than the bin ratio. The underflow bin [0, first edge) is read linearly; the overflow bin
    /// gives its lower edge, a lower bound. NaN for an empty histogram.
    /// </summary>
    public double Quantile(double q)
    {
        var total = Total;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Clamp(q, 0, 1) * total;

        // q·n is a whole number up to rounding more often than not (0.95 × 100); the bin must not hinge on the last bit.
        var whole = Math.Round(rank);
        if (Math.Abs(rank - whole) < 1e-9 * total)
        {
            rank = whole;
        }

        var edges = Binning.Edges;
        long below = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            var count = Counts[i];
            if (count == 0 || below + count < rank)
            {
                below += count;
                continue;
            }

            var fraction = Math.Clamp((rank - below) / count, 0, 1);
            var (low, high) = (edges[i], edges[i + 1]);
            if (i == 0)
            {
                return low + (fraction * (high - low));
            }

            return i == Counts.Length - 1 ? low : low * Math.Pow(high / low, fraction);
        }

        // Unreachable with rank ≤ total; the largest non-empty bin's upper edge is the safe answer.
        return edges[Array.FindLastIndex(Counts, c => c > 0) + 1];
    }
}
