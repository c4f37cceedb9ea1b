using FsCheck.Xunit;

namespace CompressionSafety.Statistics.Tests;

public sealed class QuantileBinsPropertyTests
{
    private const string Seed = "(20261127,17)";

    [Property(Replay = Seed, MaxTest = 200)]
    public bool Fit_AnySample_SameEdgesAsFittingTheSortedSample(int seed, byte bins)
    {
        var sample = SampleFactory.Sample(seed, 2000);
        var sorted = sample.Order().ToArray();
        var b = 1 + bins % 25;
        return QuantileBins.Fit(sample, b).Edges.SequenceEqual(QuantileBins.FitSorted(sorted, b).Edges);
    }

    [Fact]
    public void Fit_HeavyTies_DuplicateEdgesRemoved()
    {
        var sample = Enumerable.Repeat(0.0, 900).Concat(Enumerable.Repeat(1.0, 100)).Reverse().ToArray();

        var bins = QuantileBins.Fit(sample, 10);

        // numpy.quantile gives 0 for k = 1..8 and interpolates 0.1 (to rounding) between ranks 899 and 900 for k = 9.
        Assert.Equal(2, bins.Edges.Count);
        Assert.Equal(0.0, bins.Edges[0]);
        Assert.Equal(0.1, bins.Edges[1], 12);
        Assert.Equal(3, bins.Count);
        Assert.Equal([0L, 900L, 100L], bins.CountValues(sample));
    }
}
