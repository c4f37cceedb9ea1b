namespace CompressionSafety.Statistics.Tests;

public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void TwoSample_SmallSamples_ExactMethodAsScipy()
    {
        // scipy.stats.ks_2samp([1, 2, 3, 4.5], [2, 3, 5, 6, 7]) -> (0.6, 0.2857142857142857)
        var result = KolmogorovSmirnov.TwoSample([1, 2, 3, 4.5], [2, 3, 5, 6, 7]);

        Assert.Equal(KsMethod.Exact, result.Method);
        Assert.Equal("exact", result.MethodName);
        Assert.Equal(0.6, result.Statistic, 15);
        Assert.Equal(0.2857142857142857, result.PValue, 15);
    }

    [Fact]
    public void TwoSample_LargerThanExactLimit_AsymptoticMethod()
    {
        var reference = Enumerable.Range(0, KolmogorovSmirnov.MaxExactSize + 1).Select(i => (double)i).ToArray();

        var result = KolmogorovSmirnov.TwoSample(reference, [5000.5]);

        Assert.Equal(KsMethod.Asymptotic, result.Method);
        Assert.Equal("asymp", result.MethodName);
        Assert.InRange(result.PValue, 0.0, 1.0);
    }

    [Fact]
    public void TwoSample_InputNotSorted_SameAsSorted()
    {
        double[] a = [3, 1, 2, 9, 4];
        double[] b = [8, 2, 7, 5];

        Assert.Equal(
            KolmogorovSmirnov.TwoSampleSorted(a.Order().ToArray(), b.Order().ToArray()),
            KolmogorovSmirnov.TwoSample(a, b));
    }

    [Fact]
    public void TwoSample_EmptyOrNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([], [1.0]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([double.NaN], [1.0]));
    }
}
