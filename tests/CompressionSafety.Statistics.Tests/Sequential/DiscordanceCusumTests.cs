using Xunit.Abstractions;

namespace CompressionSafety.Statistics.Tests.Sequential;

public sealed class DiscordanceCusumTests(ITestOutputHelper output)
{
    [Fact]
    public void Update_KnownCounts_FollowsPagesRecursion()
    {
        var cusum = new DiscordanceCusum(alternative: 0.8);
        var loss = Math.Log(1.6);
        var win = Math.Log(0.4);

        Assert.Equal(3 * loss, cusum.Update(3, 0), 12);
        Assert.Equal((4 * loss) + win, cusum.Update(1, 1), 12);
        // A window the variant wins outright takes the statistic to zero, never below.
        Assert.Equal(0.0, cusum.Update(0, 10), 12);
        Assert.Equal(2 * loss, cusum.Update(2, 0), 12);
        Assert.Equal(4, cusum.Windows);
    }

    [Fact]
    public void Update_WindowWithoutDiscordantPairs_LeavesStatisticAndWindowCount()
    {
        var cusum = new DiscordanceCusum();
        cusum.Update(5, 1);
        var before = cusum.Statistic;

        Assert.Equal(before, cusum.Update(0, 0));
        Assert.Equal(1, cusum.Windows);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(0.2)]
    [InlineData(double.NaN)]
    public void Constructor_AlternativeOutsideOpenInterval_Throws(double alternative) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscordanceCusum(alternative));

    [Fact]
    public void Update_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscordanceCusum().Update(-1, 0));

    [Fact]
    public void Update_NullDiscordance_AverageRunLengthAtLeastExpOfThreshold()
    {
        // Lorden's bound: under the null (each discordant pair a fair coin), the mean number of windows to the first
        // alarm is at least exp(h). h = 4 keeps the runs short enough to simulate 400 of them.
        const double h = 4.0;
        const int runs = 400;
        var random = new Random(20261127);
        var total = 0L;
        for (var run = 0; run < runs; run++)
        {
            var cusum = new DiscordanceCusum(0.9);
            var windows = 0;
            while (cusum.Statistic < h && windows < 1_000_000)
            {
                windows++;
                var discordant = random.Next(0, 21);
                var b = 0;
                for (var i = 0; i < discordant; i++)
                {
                    b += random.Next(2);
                }

                cusum.Update(b, discordant - b);
            }

            total += windows;
        }

        var mean = (double)total / runs;
        output.WriteLine($"null average run length at h = {h}: {mean:F1} windows (bound exp(h) = {Math.Exp(h):F1})");
        Assert.True(mean >= Math.Exp(h), $"average run length {mean:F1} is below exp({h})");
    }

    [Fact]
    public void Update_RegressionNotSignificantInAnyWindow_CrossesTenWithinTwoWindows()
    {
        // 8 against, 0 for: exact McNemar p = 0.0078 in the window alone; 13 against, 1 for: p = 0.0018. Neither reaches
        // 0.001 alone, but the accumulated evidence does: these are the demo's first two degraded windows.
        var cusum = new DiscordanceCusum(0.9);
        Assert.True(cusum.Update(8, 0) < 10);
        Assert.True(cusum.Update(13, 1) >= 10);
    }
}
