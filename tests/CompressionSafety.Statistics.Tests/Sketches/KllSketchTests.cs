using FsCheck;
using FsCheck.Xunit;

namespace CompressionSafety.Statistics.Tests.Sketches;

public sealed class KllSketchTests
{
    private static readonly double[] Levels = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

    [Fact]
    public void Quantile_Empty_ReturnsNaN()
    {
        var sketch = new KllSketch();
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.Equal(0, sketch.Count);
        Assert.Equal(0.0, sketch.NormalizedRankErrorBound);
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(5_000, 2)]
    [InlineData(200_000, 3)]
    public void Quantiles_ManyLevelsAfterCompactions_EachTheSmallestRetainedValueWhoseRankReachesTheLevel(int count, int seed)
    {
        var random = new Random(seed);
        var sketch = new KllSketch(seed: seed);
        for (var i = 0; i < count; i++)
        {
            // Rounded, so many values repeat, as latencies in whole milliseconds do.
            sketch.Add(Math.Round(random.NextDouble() * random.NextDouble() * 100, 1));
        }

        double[] levels = [0.9, 0.0, 0.5, 1.0, .. Levels, 0.95];
        var estimates = new double[levels.Length];
        sketch.Quantiles(levels, estimates);
        for (var i = 0; i < levels.Length; i++)
        {
            Assert.Equal(sketch.Quantile(levels[i]), estimates[i]);
            if (levels[i] is > 0 and < 1)
            {
                // Checked through EstimatedRank, which walks the retained values without sorting them.
                var target = levels[i] * sketch.Count;
                Assert.True(sketch.EstimatedRank(estimates[i]) >= target);
                Assert.True(sketch.EstimatedRank(Math.BitDecrement(estimates[i])) < target);
            }
        }

        Assert.Equal(sketch.Min, estimates[1]);
        Assert.Equal(sketch.Max, estimates[3]);
    }

    [Fact]
    public void Quantiles_EmptySketchOrBadLevel_NaNOrRefused()
    {
        var sketch = new KllSketch();
        var estimates = new double[2];
        sketch.Quantiles([0.5, 0.9], estimates);
        Assert.All(estimates, e => Assert.True(double.IsNaN(e)));
        sketch.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantiles([0.5, 1.5], estimates));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantiles([double.NaN], estimates));
        Assert.Throws<ArgumentException>(() => sketch.Quantiles([0.1, 0.2, 0.3], estimates));
    }

    [Theory]
    [InlineData(40, 4)]
    [InlineData(100_000, 5)]
    public void EstimatedRanks_AscendingValues_EachEqualsEstimatedRank(int count, int seed)
    {
        var random = new Random(seed);
        var sketch = new KllSketch(seed: seed);
        for (var i = 0; i < count; i++)
        {
            sketch.Add(Math.Round(random.NextDouble() * 10, 2));
        }

        // Below everything, repeated values, retained values themselves, the next double below them, above everything.
        double[] values = [-1, 0, 0, Math.BitDecrement(2.5), 2.5, 2.5, 5, 7.777, 9.99, 10, 11];
        var ranks = new long[values.Length];
        sketch.EstimatedRanks(values, ranks);
        Assert.Equal(values.Select(sketch.EstimatedRank), ranks);
        Assert.Equal(0, ranks[0]);
        Assert.Equal(sketch.Count, ranks[^1]);
    }

    [Fact]
    public void EstimatedRanks_ValuesOutOfOrderOrNoRoom_Refused()
    {
        var sketch = new KllSketch();
        sketch.Add(1);
        Assert.Throws<ArgumentException>(() => sketch.EstimatedRanks([2.0, 1.0], new long[2]));
        Assert.Throws<ArgumentException>(() => sketch.EstimatedRanks([1.0, 2.0], new long[1]));
    }

    [Fact]
    public void Quantile_FewerValuesThanCapacity_IsExactLowerQuantile()
    {
        var sketch = new KllSketch();
        foreach (var v in new[] { 5.0, 1.0, 4.0, 2.0, 3.0 })
        {
            sketch.Add(v);
        }

        Assert.Equal(0.0, sketch.NormalizedRankErrorBound);
        Assert.Equal(1.0, sketch.Quantile(0.0));
        Assert.Equal(1.0, sketch.Quantile(0.2));
        Assert.Equal(2.0, sketch.Quantile(0.21));
        Assert.Equal(3.0, sketch.Quantile(0.5));
        Assert.Equal(5.0, sketch.Quantile(1.0));
        Assert.Equal(1.0, sketch.Min);
        Assert.Equal(5.0, sketch.Max);
    }

    [Fact]
    public void Add_MillionValues_WithinBoundAndSmallMemory()
    {
        var data = Data(1_000_000, seed: 11, shape: 2);
        var sketch = new KllSketch(200, seed: 1);
        foreach (var v in data)
        {
            sketch.Add(v);
        }

        Assert.Equal(1_000_000, sketch.Count);
        Assert.InRange(sketch.NormalizedRankErrorBound, 0.001, 0.03);
        Assert.InRange(sketch.RetainedItems, 200, 800);
        AssertWithinBound(sketch, data);
    }

    [Fact]
    public void Add_SameSeedSameInput_SameQuantiles()
    {
        var data = Data(50_000, seed: 5, shape: 0);
        var first = new KllSketch(64, seed: 9);
        var second = new KllSketch(64, seed: 9);
        foreach (var v in data)
        {
            first.Add(v);
            second.Add(v);
        }

        Assert.All(Levels, q => Assert.Equal(first.Quantile(q), second.Quantile(q)));
    }

    [Fact]
    public void Merge_DifferentK_Throws()
    {
        Assert.Throws<ArgumentException>(() => new KllSketch(100).Merge(new KllSketch(200)));
    }

    [Fact]
    public void Merge_IntoItself_DoublesCount()
    {
        var sketch = new KllSketch(16, seed: 2);
        var data = Data(3_000, seed: 4, shape: 1);
        foreach (var v in data)
        {
            sketch.Add(v);
        }

        sketch.Merge(sketch);
        Assert.Equal(6_000, sketch.Count);
        AssertWithinBound(sketch, [.. data, .. data]);
    }

    [Property(MaxTest = 60, Replay = "(20261127,97)")]
    public void Merge_RandomPartsAndOrder_StaysWithinRankErrorBound(PositiveInt size, byte parts, byte shape, int seed)
    {
        // FsCheck's sizes stay small; spreading them makes most cases compact many times.
        var n = 1 + (int)((size.Get * 7919L) % 40_000);
        var data = Data(n, seed, shape % 3);
        var pieces = 1 + (parts % 6);
        var sketches = Enumerable.Range(0, pieces).Select(i => new KllSketch(32, seed + i)).ToArray();
        for (var i = 0; i < data.Length; i++)
        {
            sketches[i * pieces / data.Length].Add(data[i]);
        }

        var merged = sketches[0];
        foreach (var other in sketches.Skip(1))
        {
            merged.Merge(other);
        }

        Assert.Equal(n, merged.Count);
        Assert.Equal(data.Min(), merged.Min);
        Assert.Equal(data.Max(), merged.Max);
        AssertWithinBound(merged, data);
    }

    [Property(MaxTest = 100, Replay = "(7,11)")]
    public void Add_AnyFiniteValues_QuantilesAreMonotoneAndInRange(NormalFloat[] values)
    {
        var sketch = new KllSketch(8, seed: 3);
        foreach (var v in values)
        {
            sketch.Add(v.Get);
        }

        if (values.Length == 0)
        {
            Assert.True(double.IsNaN(sketch.Quantile(0.5)));
            return;
        }

        var estimates = Levels.Select(sketch.Quantile).ToArray();
        for (var i = 1; i < estimates.Length; i++)
        {
            Assert.True(estimates[i - 1] <= estimates[i]);
        }

        Assert.All(estimates, e => Assert.InRange(e, sketch.Min, sketch.Max));
    }

    /// <summary>
    /// The returned value x must have a true rank window [count(&lt; x), count(&lt;= x)] that reaches q n within the
    /// documented error bound.
    /// </summary>
    private static void AssertWithinBound(KllSketch sketch, double[] data)
    {
        var sorted = data.Order().ToArray();
        var n = sorted.Length;
        var slack = (sketch.NormalizedRankErrorBound * n) + 1e-9;
        foreach (var q in Levels)
        {
            var x = sketch.Quantile(q);
            var below = LowerBound(sorted, x);
            var atOrBelow = UpperBound(sorted, x);
            Assert.True(atOrBelow >= (q * n) - slack, $"q={q}: count(<= {x}) = {atOrBelow}, target {q * n}, slack {slack}");
            Assert.True(below <= (q * n) + slack, $"q={q}: count(< {x}) = {below}, target {q * n}, slack {slack}");
        }
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Shape 0: uniform; 1: heavy-tailed latency-like; 2: few distinct values (ties), in a sorted-ish order.</summary>
    private static double[] Data(int n, int seed, int shape)
    {
        var random = new Random(seed);
        var data = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = shape switch
            {
                0 => random.NextDouble(),
                1 => Math.Exp(3.0 * random.NextDouble()) * (1.0 + random.NextDouble()),
                _ => Math.Floor(random.NextDouble() * 20.0) + Math.Floor(i * 5.0 / n),
            };
        }

        return data;
    }
}
