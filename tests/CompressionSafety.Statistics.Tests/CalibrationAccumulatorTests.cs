namespace CompressionSafety.Statistics.Tests;

public sealed class CalibrationAccumulatorTests
{
    [Fact]
    public void Add_ProbabilityOnUpperEdge_GoesToLowerBin()
    {
        var accumulator = new CalibrationAccumulator(10);
        accumulator.Add(0.3, true);
        accumulator.Add(0.0, false);
        accumulator.Add(1.0, true);

        Assert.Equal(1, accumulator.Bins[2].Count);
        Assert.Equal(1, accumulator.Bins[0].Count);
        Assert.Equal(1, accumulator.Bins[9].Count);
    }

    [Fact]
    public void Add_ProbabilityOutsideUnitInterval_Throws()
    {
        var accumulator = new CalibrationAccumulator();
        Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.Add(1.5, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.Add(double.NaN, true));
    }

    [Fact]
    public void Ece_TwoPredictions_WeightedGap()
    {
        var accumulator = new CalibrationAccumulator(2);
        accumulator.Add(0.2, true);
        accumulator.Add(0.9, true);

        Assert.Equal(0.5 * 0.8 + 0.5 * 0.1, accumulator.Ece, 15);
        Assert.Equal(0.8, accumulator.Mce, 15);
        Assert.Equal((0.64 + 0.01) / 2, accumulator.Brier, 15);
    }

    [Fact]
    public void BinSums_ThreePredictions_CountsProbabilitySumsAndPositivesPerBin()
    {
        var accumulator = new CalibrationAccumulator(4);
        accumulator.Add(0.25, true);
        accumulator.Add(0.1, false);
        accumulator.Add(0.8, true);

        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], accumulator.Edges);
        Assert.Equal([2L, 0, 0, 1], accumulator.BinCounts);
        Assert.Equal([0.35, 0, 0, 0.8], accumulator.BinProbabilitySums);
        Assert.Equal([1L, 0, 0, 1], accumulator.BinPositives);
    }

    [Fact]
    public void Merge_DifferentBinCounts_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CalibrationAccumulator(10).Merge(new CalibrationAccumulator(15)));
    }

    [Fact]
    public void ExpectedCalibrationError_SummedBinsOfTwoParts_EqualsEceOfTheWhole()
    {
        var random = new Random(7);
        var first = new CalibrationAccumulator();
        var second = new CalibrationAccumulator();
        var whole = new CalibrationAccumulator();
        for (var i = 0; i < 2_000; i++)
        {
            var p = random.NextDouble();
            var y = random.NextDouble() < p * p;
            (i % 3 == 0 ? first : second).Add(p, y);
            whole.Add(p, y);
        }

        var counts = first.BinCounts.Zip(second.BinCounts, (a, b) => a + b).ToArray();
        var sums = first.BinProbabilitySums.Zip(second.BinProbabilitySums, (a, b) => a + b).ToArray();
        var positives = first.BinPositives.Zip(second.BinPositives, (a, b) => (double)(a + b)).ToArray();

        Assert.Equal(whole.Ece, Calibration.ExpectedCalibrationError(counts, sums, positives), 12);
        Assert.True(double.IsNaN(Calibration.ExpectedCalibrationError(new long[3], new double[3], new double[3])));
        Assert.Throws<ArgumentException>(() => Calibration.ExpectedCalibrationError(new long[3], new double[2], new double[3]));
    }
}
