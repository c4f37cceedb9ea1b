using Xunit.Abstractions;

namespace CompressionSafety.Statistics.Tests.Sequential;

public sealed class RateChangeCusumTests(ITestOutputHelper output)
{
    [Fact]
    public void LogLikelihoodRatio_GoldenCases_MatchScipyHypergeometric()
    {
        foreach (var c in CompressionSafety.Statistics.Tests.Golden.Golden.Load("rate_change_golden.json").EnumerateArray())
        {
            var psi = c.GetProperty("psi").GetDouble();
            var actual = RateChangeCusum.LogLikelihoodRatio(
                Math.Log(psi), c.GetProperty("xv").GetInt64(), c.GetProperty("nv").GetInt64(), c.GetProperty("xb").GetInt64(), c.GetProperty("nb").GetInt64());
            Assert.NotNull(actual);
            CompressionSafety.Statistics.Tests.Golden.Golden.AssertClose(c.GetProperty("llr").GetDouble(), actual.Value, $"llr {c}");
        }
    }

    [Theory]
    [InlineData(0, 100, 10, 100)]
    [InlineData(0, 100, 0, 100)]
    [InlineData(100, 100, 100, 100)]
    [InlineData(5, 100, 0, 0)]
    public void Update_WindowWithoutEvidence_LeavesState(long xv, long nv, long xb, long nb)
    {
        var cusum = new RateChangeCusum(0.5);
        cusum.Update(10, 200, 40, 200);
        var before = cusum.Statistic;

        var after = cusum.Update(xv, nv, xb, nb);

        // Only the all-zero-successes and all-successes windows and an empty side carry no evidence.
        if (xv + xb == 0 || xv + xb == nv + nb || nv == 0 || nb == 0)
        {
            Assert.Equal(before, after);
            Assert.Equal(1, cusum.Windows);
        }
        else
        {
            Assert.Equal(2, cusum.Windows);
        }
    }

    [Fact]
    public void Update_KnownWindows_FollowsPagesRecursion()
    {
        var cusum = new RateChangeCusum(0.55);
        var first = RateChangeCusum.LogLikelihoodRatio(Math.Log(0.55), 105, 1500, 180, 1500)!.Value;
        var second = RateChangeCusum.LogLikelihoodRatio(Math.Log(0.55), 150, 1500, 150, 1500)!.Value;

        Assert.Equal(first, cusum.Update(105, 1500, 180, 1500), 12);
        Assert.Equal(Math.Max(0, first + second), cusum.Update(150, 1500, 150, 1500), 12);
        Assert.Equal(0.0, cusum.Update(250, 1500, 150, 1500));
    }

    [Fact]
    public void Update_DropOfTheIssue_CrossesSeventeenWithinTwoWindows()
    {
        // 12% -> 7% refusals at 1,500 records a side per window: the under-refusal of issue 17.
        var cusum = new RateChangeCusum(0.55);
        var random = new Random(17);
        var windows = 0;
        while (cusum.Statistic < 17 && windows < 50)
        {
            windows++;
            cusum.Update(Binomial(random, 1500, 0.07), 1500, Binomial(random, 1500, 0.12), 1500);
        }

        Assert.InRange(windows, 1, 2);
    }

    [Fact]
    public void Update_NullRatesThatChangeEveryWindow_AverageRunLengthAtLeastExpOfThreshold()
    {
        // Lorden's bound holds whatever the common rate is in each window: draw it anew every window.
        const double h = 3.0;
        const int runs = 300;
        var random = new Random(20261201);
        var total = 0L;
        for (var run = 0; run < runs; run++)
        {
            var cusum = new RateChangeCusum(0.5);
            var windows = 0;
            while (cusum.Statistic < h && windows < 1_000_000)
            {
                windows++;
                var rate = random.NextDouble() * 0.3;
                var nv = random.Next(5, 60);
                var nb = random.Next(5, 60);
                cusum.Update(Binomial(random, nv, rate), nv, Binomial(random, nb, rate), nb);
            }

            total += windows;
        }

        var mean = (double)total / runs;
        output.WriteLine($"null average run length at h = {h}: {mean:F1} windows (bound exp(h) = {Math.Exp(h):F1})");
        Assert.True(mean >= Math.Exp(h), $"average run length {mean:F1} is below exp({h})");
    }

    [Fact]
    public void Restore_SavedState_ContinuesAsTheOriginal()
    {
        var original = new RateChangeCusum(1.8);
        original.Update(40, 225, 25, 230);
        var restored = new RateChangeCusum(1.8);

        restored.Restore(original.Statistic, original.Windows);

        Assert.Equal(original.Update(30, 200, 20, 200), restored.Update(30, 200, 20, 200));
        Assert.Equal(original.Windows, restored.Windows);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidOddsRatio_Throws(double psi) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateChangeCusum(psi));

    [Fact]
    public void Update_SuccessesAboveTrials_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateChangeCusum(2).Update(11, 10, 0, 10));

    private static int Binomial(Random random, int n, double p)
    {
        var x = 0;
        for (var i = 0; i < n; i++)
        {
            x += random.NextDouble() < p ? 1 : 0;
        }

        return x;
    }
}
