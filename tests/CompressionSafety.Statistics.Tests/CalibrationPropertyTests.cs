using FsCheck.Xunit;

namespace CompressionSafety.Statistics.Tests;

public sealed class CalibrationPropertyTests
{
    private const string Seed = "(20261127,13)";

    [Property(Replay = Seed, MaxTest = 200)]
    public bool Compute_AnyPredictions_ErrorsInUnitInterval(int seed)
    {
        var (p, y) = SampleFactory.Predictions(seed);
        var result = Calibration.Compute(p, y);
        return result.Ece is >= 0 and <= 1
            && result.Mce is >= 0 and <= 1
            && result.Ace is >= 0 and <= 1
            && result.Brier is >= 0 and <= 1
            && result.Ece <= result.Mce + 1e-15;
    }

    [Property(Replay = Seed, MaxTest = 200)]
    public bool Merge_TwoHalves_EqualsOneAccumulator(int seed)
    {
        var (p, y) = SampleFactory.Predictions(seed);
        var whole = new CalibrationAccumulator();
        var left = new CalibrationAccumulator();
        var right = new CalibrationAccumulator();
        for (var i = 0; i < p.Length; i++)
        {
            whole.Add(p[i], y[i]);
            (i % 2 == 0 ? left : right).Add(p[i], y[i]);
        }

        left.Merge(right);
        return left.Count == whole.Count
            && Math.Abs(left.Ece - whole.Ece) <= 1e-12
            && Math.Abs(left.Brier - whole.Brier) <= 1e-12
            && left.Bins.Select(b => b.Count).SequenceEqual(whole.Bins.Select(b => b.Count));
    }
}
